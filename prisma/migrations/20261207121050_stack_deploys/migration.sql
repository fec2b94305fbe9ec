-- CreateTable
CREATE TABLE "StackDeploy" (
    "id" TEXT NOT NULL,
    "swarmId" TEXT NOT NULL,
    "stackName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "step" TEXT,
    "replicaId" TEXT,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorSessionId" TEXT NOT NULL,
    "actorIp" TEXT,
    "actorVia" JSONB,
    "inputsSealed" TEXT NOT NULL,
    "revision" INTEGER,
    "message" TEXT,
    "outcome" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "StackDeploy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StackDeploy_swarmId_stackName_createdAt_idx" ON "StackDeploy"("swarmId", "stackName", "createdAt");

-- CreateIndex
CREATE INDEX "StackDeploy_status_idx" ON "StackDeploy"("status");
