-- AlterTable
ALTER TABLE "User" ADD COLUMN "markReadOnOpen" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "RemoteContentSender" (
    "userId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "address"),
    CONSTRAINT "RemoteContentSender_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
