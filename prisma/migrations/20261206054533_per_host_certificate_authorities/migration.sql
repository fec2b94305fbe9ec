-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "caId" TEXT,
ADD COLUMN     "tlsChangeStartedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ClientCertificate" ADD COLUMN     "caId" TEXT,
ADD COLUMN     "hostName" TEXT,
ADD COLUMN     "revokedAt" TIMESTAMP(3),
ADD COLUMN     "revokedByName" TEXT,
ADD COLUMN     "revokedReason" TEXT;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_caId_fkey" FOREIGN KEY ("caId") REFERENCES "CertificateAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every client certificate issued before this migration was signed by the shared CA "engines";
-- remember which host each was for by name, so the list still names it after the host is removed.
UPDATE "ClientCertificate" SET "caId" = 'engines' WHERE "caId" IS NULL;
UPDATE "ClientCertificate" AS c SET "hostName" = h."name" FROM "Host" AS h WHERE c."hostId" = h."id" AND c."hostName" IS NULL;
