-- AlterTable
ALTER TABLE "User" ADD COLUMN     "breakGlass" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "directoryId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'local';

-- CreateTable
CREATE TABLE "DirectoryConfig" (
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB NOT NULL,
    "secretSealed" TEXT,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DirectoryConfig_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "DirectoryGroupMapping" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryGroupMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DirectoryGroupMapping_teamId_idx" ON "DirectoryGroupMapping"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryGroupMapping_source_groupName_teamId_key" ON "DirectoryGroupMapping"("source", "groupName", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "User_source_directoryId_key" ON "User"("source", "directoryId");

-- AddForeignKey
ALTER TABLE "DirectoryGroupMapping" ADD CONSTRAINT "DirectoryGroupMapping_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
