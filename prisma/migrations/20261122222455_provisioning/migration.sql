-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "driver" TEXT,
ADD COLUMN     "machine" JSONB,
ADD COLUMN     "machineSealed" TEXT;

-- CreateTable
CREATE TABLE "ProvisionJob" (
    "id" TEXT NOT NULL,
    "hostName" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "secretsSealed" TEXT,
    "machine" JSONB,
    "hostId" TEXT,
    "failedStep" TEXT,
    "error" TEXT,
    "cleanedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ProvisionJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisionStep" (
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "log" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ProvisionStep_pkey" PRIMARY KEY ("jobId","key")
);

-- CreateTable
CREATE TABLE "CertificateAuthority" (
    "id" TEXT NOT NULL,
    "certPem" TEXT NOT NULL,
    "keySealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateAuthority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientCertificate" (
    "serial" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "userId" TEXT,
    "username" TEXT,
    "hostId" TEXT,
    "subject" TEXT NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClientCertificate_pkey" PRIMARY KEY ("serial")
);

-- CreateTable
CREATE TABLE "CloudCredential" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenSealed" TEXT NOT NULL,
    "tokenHint" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CloudCredential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProvisionJob_createdAt_idx" ON "ProvisionJob"("createdAt");

-- CreateIndex
CREATE INDEX "ClientCertificate_hostId_createdAt_idx" ON "ClientCertificate"("hostId", "createdAt");

-- CreateIndex
CREATE INDEX "ClientCertificate_userId_createdAt_idx" ON "ClientCertificate"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CloudCredential_provider_name_key" ON "CloudCredential"("provider", "name");

-- AddForeignKey
ALTER TABLE "ProvisionStep" ADD CONSTRAINT "ProvisionStep_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ProvisionJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One active provisioning run per host name (case-insensitive): a second one at the same time is refused.
CREATE UNIQUE INDEX "ProvisionJob_active_hostName_key" ON "ProvisionJob"(lower("hostName")) WHERE "status" IN ('queued', 'running');
