-- AlterTable
ALTER TABLE "StackRevision" ADD COLUMN     "gitCommit" TEXT;

-- CreateTable
CREATE TABLE "StackGitSource" (
    "id" TEXT NOT NULL,
    "swarmId" TEXT NOT NULL,
    "stackName" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "composePath" TEXT NOT NULL,
    "tokenSealed" TEXT,
    "pollSeconds" INTEGER NOT NULL DEFAULT 300,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "autoApply" BOOLEAN NOT NULL DEFAULT false,
    "seenCommit" TEXT,
    "seenCompose" TEXT,
    "deployedCommit" TEXT,
    "checkedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StackGitSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StackGitSource_swarmId_stackName_key" ON "StackGitSource"("swarmId", "stackName");
