-- AlterTable
ALTER TABLE "ImagePull" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'pull',
ADD COLUMN     "source" TEXT;
