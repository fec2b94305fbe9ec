-- AlterTable
ALTER TABLE "StackGitSource" ADD COLUMN     "hostKey" TEXT,
ADD COLUMN     "hostKeyTrust" TEXT,
ADD COLUMN     "sshKeySealed" TEXT,
ADD COLUMN     "sshPublicKey" TEXT;
