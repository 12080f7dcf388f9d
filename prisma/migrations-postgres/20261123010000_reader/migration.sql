-- AlterTable
ALTER TABLE "User" ADD COLUMN "markReadOnOpen" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "RemoteContentSender" (
    "userId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemoteContentSender_pkey" PRIMARY KEY ("userId","address")
);

-- AddForeignKey
ALTER TABLE "RemoteContentSender" ADD CONSTRAINT "RemoteContentSender_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
