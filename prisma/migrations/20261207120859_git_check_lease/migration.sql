-- AlterTable
ALTER TABLE "StackGitSource" ADD COLUMN     "checkingBy" TEXT,
ADD COLUMN     "checkingUntil" TIMESTAMP(3);
