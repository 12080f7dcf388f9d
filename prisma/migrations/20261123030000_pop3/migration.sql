-- CreateTable
CREATE TABLE "Pop3Account" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "leaveOnServer" BOOLEAN NOT NULL DEFAULT true,
    "deleteAfterDays" INTEGER,
    "deleteWhenDeletedHere" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "loginDelaySeconds" INTEGER,
    "lastCheckAt" DATETIME,
    "lastSuccessAt" DATETIME,
    "lastErrorCode" TEXT,
    "lastErrorText" TEXT,
    "notBefore" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Pop3Folder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Pop3Message" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "date" DATETIME NOT NULL,
    "size" INTEGER NOT NULL,
    "hasAttachments" BOOLEAN NOT NULL DEFAULT false,
    "preview" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "stored" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "onServer" BOOLEAN NOT NULL DEFAULT true,
    "deletedAt" DATETIME,
    "deleteFromServer" BOOLEAN NOT NULL DEFAULT false,
    "deleAttempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Pop3Folder_accountId_name_key" ON "Pop3Folder"("accountId", "name");

-- CreateIndex
CREATE INDEX "Pop3Message_accountId_folder_date_idx" ON "Pop3Message"("accountId", "folder", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Pop3Message_accountId_uidl_key" ON "Pop3Message"("accountId", "uidl");
