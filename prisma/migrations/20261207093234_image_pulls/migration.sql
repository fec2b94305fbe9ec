-- CreateTable
CREATE TABLE "ImagePull" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "hostName" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "registryId" TEXT,
    "registry" TEXT,
    "requestedById" TEXT,
    "requestedByName" TEXT NOT NULL,
    "requestedByIp" TEXT,
    "status" TEXT NOT NULL,
    "progress" JSONB NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "replicaId" TEXT,

    CONSTRAINT "ImagePull_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImagePull_status_idx" ON "ImagePull"("status");

-- CreateIndex
CREATE INDEX "ImagePull_createdAt_idx" ON "ImagePull"("createdAt");
