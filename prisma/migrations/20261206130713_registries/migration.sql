-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "registryId" TEXT;

-- CreateTable
CREATE TABLE "Registry" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "preset" TEXT,
    "address" TEXT NOT NULL,
    "plainHttp" BOOLEAN NOT NULL DEFAULT false,
    "caCert" TEXT,
    "username" TEXT,
    "secretSealed" TEXT,
    "region" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Registry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Registry_name_key" ON "Registry"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Registry_address_key" ON "Registry"("address");

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_registryId_fkey" FOREIGN KEY ("registryId") REFERENCES "Registry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
