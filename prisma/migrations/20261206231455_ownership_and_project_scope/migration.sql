-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "projectName" TEXT;

-- AlterTable
ALTER TABLE "ComposeProject" ADD COLUMN     "ownerCreatorId" TEXT,
ADD COLUMN     "ownerEveryone" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "ownerTeamId" TEXT;

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "projectName" TEXT;
