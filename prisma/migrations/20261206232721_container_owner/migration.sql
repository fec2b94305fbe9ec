-- CreateTable
CREATE TABLE "ContainerOwner" (
    "hostId" TEXT NOT NULL,
    "containerId" TEXT NOT NULL,
    "ownerTeamId" TEXT,
    "ownerEveryone" BOOLEAN NOT NULL DEFAULT false,
    "movedById" TEXT,
    "movedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContainerOwner_pkey" PRIMARY KEY ("hostId","containerId")
);
