-- CreateTable
CREATE TABLE "StackRevision" (
    "id" TEXT NOT NULL,
    "swarmId" TEXT NOT NULL,
    "stackName" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "composeText" TEXT NOT NULL,
    "inputsSealed" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "message" TEXT,
    "restoredFrom" INTEGER,

    CONSTRAINT "StackRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StackRevision_swarmId_stackName_createdAt_idx" ON "StackRevision"("swarmId", "stackName", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StackRevision_swarmId_stackName_number_key" ON "StackRevision"("swarmId", "stackName", "number");
