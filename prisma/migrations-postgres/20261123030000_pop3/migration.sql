-- CreateTable
CREATE TABLE "Pop3Account" (
    "accountId" TEXT NOT NULL,
    "leaveOnServer" BOOLEAN NOT NULL DEFAULT true,
    "deleteAfterDays" INTEGER,
    "deleteWhenDeletedHere" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "loginDelaySeconds" INTEGER,
    "lastCheckAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastErrorCode" TEXT,
    "lastErrorText" TEXT,
    "notBefore" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pop3Account_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "Pop3Folder" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pop3Folder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pop3Message" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "uidl" TEXT,
    "folder" TEXT NOT NULL DEFAULT 'INBOX',
    "seen" BOOLEAN NOT NULL DEFAULT false,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "answered" BOOLEAN NOT NULL DEFAULT false,
    "forwarded" BOOLEAN NOT NULL DEFAULT false,
    "draft" BOOLEAN NOT NULL DEFAULT false,
    "subject" TEXT NOT NULL DEFAULT '',
    "fromJson" TEXT NOT NULL DEFAULT '[]',
    "toJson" TEXT NOT NULL DEFAULT '[]',
    "messageId" TEXT,
    "date" TIMESTAMP(3) NOT NULL,
    "size" INTEGER NOT NULL,
    "hasAttachments" BOOLEAN NOT NULL DEFAULT false,
    "preview" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "stored" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "onServer" BOOLEAN NOT NULL DEFAULT true,
    "deletedAt" TIMESTAMP(3),
    "deleteFromServer" BOOLEAN NOT NULL DEFAULT false,
    "deleAttempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pop3Message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Pop3Folder_accountId_name_key" ON "Pop3Folder"("accountId", "name");

-- CreateIndex
CREATE INDEX "Pop3Message_accountId_folder_date_idx" ON "Pop3Message"("accountId", "folder", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Pop3Message_accountId_uidl_key" ON "Pop3Message"("accountId", "uidl");
