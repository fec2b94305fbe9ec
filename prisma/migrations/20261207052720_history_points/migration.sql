-- CreateTable
CREATE TABLE "HistoryPoint" (
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "resolution" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "cpuPercent" DOUBLE PRECISION,
    "memoryUsed" DOUBLE PRECISION NOT NULL,
    "netRxRate" DOUBLE PRECISION,
    "netTxRate" DOUBLE PRECISION,
    "blockReadRate" DOUBLE PRECISION,
    "blockWriteRate" DOUBLE PRECISION,
    "containers" INTEGER NOT NULL,

    CONSTRAINT "HistoryPoint_pkey" PRIMARY KEY ("subjectType","subjectId","hostId","resolution","at")
);

-- CreateIndex
CREATE INDEX "HistoryPoint_hostId_resolution_at_idx" ON "HistoryPoint"("hostId", "resolution", "at");

-- AddForeignKey
ALTER TABLE "HistoryPoint" ADD CONSTRAINT "HistoryPoint_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;
