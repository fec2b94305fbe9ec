-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "registryId" TEXT;
