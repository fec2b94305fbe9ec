-- CreateTable
CREATE TABLE "ComposeProject" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "profiles" TEXT[],
    "scales" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComposeProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComposeProjectRevision" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "composeText" TEXT NOT NULL,
    "inputsSealed" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "message" TEXT,
    "restoredFrom" INTEGER,

    CONSTRAINT "ComposeProjectRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComposeProject_hostId_name_key" ON "ComposeProject"("hostId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ComposeProjectRevision_projectId_number_key" ON "ComposeProjectRevision"("projectId", "number");

-- AddForeignKey
ALTER TABLE "ComposeProjectRevision" ADD CONSTRAINT "ComposeProjectRevision_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "ComposeProject"("id") ON DELETE CASCADE ON UPDATE CASCADE;
