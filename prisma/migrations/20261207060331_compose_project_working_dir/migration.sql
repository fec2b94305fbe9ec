-- AlterTable
ALTER TABLE "ComposeProject" ADD COLUMN     "workingDir" TEXT;
