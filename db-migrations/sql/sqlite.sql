CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "IdempotentRequests" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_IdempotentRequests" PRIMARY KEY,
    "RequestHash" TEXT NOT NULL,
    "ResponseJson" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "JournalEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_JournalEntries" PRIMARY KEY,
    "IdempotencyKey" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "PostedAt" INTEGER NOT NULL
);

CREATE TABLE "LedgerAccounts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LedgerAccounts" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "DebitsMustNotExceedCredits" INTEGER NOT NULL,
    "BalanceSlots" INTEGER NOT NULL,
    "OpenedAt" INTEGER NOT NULL
);

CREATE TABLE "ProcessedStripeEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProcessedStripeEvents" PRIMARY KEY,
    "Type" TEXT NOT NULL,
    "ReceivedAt" INTEGER NOT NULL
);

CREATE TABLE "Recipients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Recipients" PRIMARY KEY,
    "Slug" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "CallSign" TEXT NOT NULL,
    "Frequency" TEXT NOT NULL,
    "City" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Website" TEXT NULL,
    "SearchText" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ClaimedAt" INTEGER NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LedgerBalances" (
    "AccountId" TEXT NOT NULL,
    "Slot" INTEGER NOT NULL,
    "DebitsPosted" INTEGER NOT NULL,
    "CreditsPosted" INTEGER NOT NULL,
    "DebitsPending" INTEGER NOT NULL,
    "CreditsPending" INTEGER NOT NULL,
    CONSTRAINT "PK_LedgerBalances" PRIMARY KEY ("AccountId", "Slot"),
    CONSTRAINT "FK_LedgerBalances_LedgerAccounts_AccountId" FOREIGN KEY ("AccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LedgerTransfers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LedgerTransfers" PRIMARY KEY,
    "EntryId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "DebitAccountId" TEXT NOT NULL,
    "CreditAccountId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "PendingTransferId" TEXT NULL,
    CONSTRAINT "FK_LedgerTransfers_JournalEntries_EntryId" FOREIGN KEY ("EntryId") REFERENCES "JournalEntries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerTransfers_LedgerAccounts_CreditAccountId" FOREIGN KEY ("CreditAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerTransfers_LedgerAccounts_DebitAccountId" FOREIGN KEY ("DebitAccountId") REFERENCES "LedgerAccounts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LedgerTransfers_LedgerTransfers_PendingTransferId" FOREIGN KEY ("PendingTransferId") REFERENCES "LedgerTransfers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Pledges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Pledges" PRIMARY KEY,
    "RecipientId" TEXT NOT NULL,
    "ListenerId" TEXT NULL,
    "Email" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "ChargeAmount" INTEGER NOT NULL,
    "EstimatedFee" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Frequency" TEXT NOT NULL,
    "Message" TEXT NULL,
    "Anonymous" INTEGER NOT NULL,
    "CoverFee" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CheckoutSessionId" TEXT NULL,
    "CheckoutUrl" TEXT NULL,
    "PaidAt" INTEGER NULL,
    "FailureReason" TEXT NULL,
    "StripeCustomerId" TEXT NULL,
    "PaymentMethodId" TEXT NULL,
    "NextChargeAt" INTEGER NULL,
    "PaymentsCount" INTEGER NOT NULL,
    "CancelledAt" INTEGER NULL,
    CONSTRAINT "FK_Pledges_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Pledges_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY,
    "PledgeId" TEXT NOT NULL,
    "PaymentIntentId" TEXT NOT NULL,
    "Gross" INTEGER NOT NULL,
    "Fee" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "JournalEntryId" TEXT NOT NULL,
    "PaidAt" INTEGER NOT NULL,
    "ReceiptSentAt" INTEGER NULL,
    "RefundedAt" INTEGER NULL,
    "RefundId" TEXT NULL,
    "RefundNoticeSentAt" INTEGER NULL,
    CONSTRAINT "FK_Payments_JournalEntries_JournalEntryId" FOREIGN KEY ("JournalEntryId") REFERENCES "JournalEntries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Pledges_PledgeId" FOREIGN KEY ("PledgeId") REFERENCES "Pledges" ("Id") ON DELETE RESTRICT
);

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-admin', 'stamp-admin', 'Admin', 'ADMIN');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-finance', 'stamp-finance', 'Finance', 'FINANCE');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-listener', 'stamp-listener', 'Listener', 'LISTENER');
SELECT changes();

INSERT INTO "AspNetRoles" ("Id", "ConcurrencyStamp", "Name", "NormalizedName")
VALUES ('role-stationmanager', 'stamp-stationmanager', 'StationManager', 'STATIONMANAGER');
SELECT changes();


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_JournalEntries_IdempotencyKey" ON "JournalEntries" ("IdempotencyKey");

CREATE INDEX "IX_JournalEntries_PostedAt" ON "JournalEntries" ("PostedAt");

CREATE UNIQUE INDEX "IX_LedgerAccounts_Code_Currency" ON "LedgerAccounts" ("Code", "Currency");

CREATE INDEX "IX_LedgerTransfers_CreditAccountId" ON "LedgerTransfers" ("CreditAccountId");

CREATE INDEX "IX_LedgerTransfers_DebitAccountId" ON "LedgerTransfers" ("DebitAccountId");

CREATE UNIQUE INDEX "IX_LedgerTransfers_EntryId_Sequence" ON "LedgerTransfers" ("EntryId", "Sequence");

CREATE UNIQUE INDEX "IX_LedgerTransfers_PendingTransferId" ON "LedgerTransfers" ("PendingTransferId");

CREATE INDEX "IX_Payments_JournalEntryId" ON "Payments" ("JournalEntryId");

CREATE UNIQUE INDEX "IX_Payments_PaymentIntentId" ON "Payments" ("PaymentIntentId");

CREATE INDEX "IX_Payments_PledgeId" ON "Payments" ("PledgeId");

CREATE INDEX "IX_Payments_ReceiptSentAt" ON "Payments" ("ReceiptSentAt");

CREATE INDEX "IX_Payments_RefundedAt_PaidAt" ON "Payments" ("RefundedAt", "PaidAt");

CREATE INDEX "IX_Pledges_CheckoutSessionId" ON "Pledges" ("CheckoutSessionId");

CREATE INDEX "IX_Pledges_ListenerId" ON "Pledges" ("ListenerId");

CREATE INDEX "IX_Pledges_RecipientId" ON "Pledges" ("RecipientId");

CREATE INDEX "IX_Pledges_Status_NextChargeAt" ON "Pledges" ("Status", "NextChargeAt");

CREATE UNIQUE INDEX "IX_Recipients_Slug" ON "Recipients" ("Slug");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124075742_InitialCreate', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP TABLE "ProcessedStripeEvents";

CREATE TABLE "StripeEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StripeEvents" PRIMARY KEY,
    "Type" TEXT NOT NULL,
    "PaymentIntentId" TEXT NULL,
    "Payload" TEXT NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "ProcessedAt" INTEGER NULL,
    "FailedAttempts" INTEGER NOT NULL,
    "DueAt" INTEGER NOT NULL
);

CREATE INDEX "IX_StripeEvents_ProcessedAt_DueAt" ON "StripeEvents" ("ProcessedAt", "DueAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124081649_StripeEventInbox', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "IdempotentRequests" ADD "AttemptId" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';

ALTER TABLE "IdempotentRequests" ADD "CompletedAt" INTEGER NULL;

ALTER TABLE "IdempotentRequests" ADD "HeldUntil" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "OutboxMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY,
    "Type" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "DispatchedAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);

CREATE INDEX "IX_OutboxMessages_DispatchedAt_DueAt" ON "OutboxMessages" ("DispatchedAt", "DueAt");

CREATE TABLE "ef_temp_IdempotentRequests" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_IdempotentRequests" PRIMARY KEY,
    "AttemptId" TEXT NOT NULL,
    "CompletedAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "HeldUntil" INTEGER NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResponseJson" TEXT NULL
);

INSERT INTO "ef_temp_IdempotentRequests" ("Key", "AttemptId", "CompletedAt", "CreatedAt", "HeldUntil", "RequestHash", "ResponseJson")
SELECT "Key", "AttemptId", "CompletedAt", "CreatedAt", "HeldUntil", "RequestHash", "ResponseJson"
FROM "IdempotentRequests";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "IdempotentRequests";

ALTER TABLE "ef_temp_IdempotentRequests" RENAME TO "IdempotentRequests";

COMMIT;

PRAGMA foreign_keys = 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125141739_PipelineOutbox', '10.0.14');

BEGIN TRANSACTION;
DROP INDEX "IX_StripeEvents_ProcessedAt_DueAt";

ALTER TABLE "StripeEvents" RENAME COLUMN "PaymentIntentId" TO "ObjectId";

ALTER TABLE "StripeEvents" ADD "ObjectType" TEXT NULL;

ALTER TABLE "StripeEvents" ADD "Status" TEXT NOT NULL DEFAULT '';

CREATE INDEX "IX_StripeEvents_ProcessedAt" ON "StripeEvents" ("ProcessedAt");

CREATE INDEX "IX_StripeEvents_Status_DueAt" ON "StripeEvents" ("Status", "DueAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125150856_StripeEventRouting', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_LedgerTransfers_CreditAccountId";

DROP INDEX "IX_LedgerTransfers_DebitAccountId";

ALTER TABLE "LedgerTransfers" ADD "CreditBalanceAfter" INTEGER NULL;

ALTER TABLE "LedgerTransfers" ADD "CreditSlot" INTEGER NULL;

ALTER TABLE "LedgerTransfers" ADD "CreditSlotSequence" INTEGER NULL;

ALTER TABLE "LedgerTransfers" ADD "DebitBalanceAfter" INTEGER NULL;

ALTER TABLE "LedgerTransfers" ADD "DebitSlot" INTEGER NULL;

ALTER TABLE "LedgerTransfers" ADD "DebitSlotSequence" INTEGER NULL;

ALTER TABLE "LedgerTransfers" ADD "PostedAt" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "LedgerBalances" ADD "PostingCount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "JournalEntries" ADD "CauseId" TEXT NOT NULL DEFAULT '';

ALTER TABLE "JournalEntries" ADD "CauseType" TEXT NOT NULL DEFAULT '';

CREATE INDEX "IX_LedgerTransfers_CreditAccountId_PostedAt" ON "LedgerTransfers" ("CreditAccountId", "PostedAt");

CREATE INDEX "IX_LedgerTransfers_DebitAccountId_PostedAt" ON "LedgerTransfers" ("DebitAccountId", "PostedAt");

CREATE INDEX "IX_JournalEntries_CauseType_CauseId" ON "JournalEntries" ("CauseType", "CauseId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125153452_LedgerCauses', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "MailDeliveries" (
    "PaymentId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "FailedAt" INTEGER NULL,
    "Reason" TEXT NOT NULL,
    CONSTRAINT "PK_MailDeliveries" PRIMARY KEY ("PaymentId", "Kind"),
    CONSTRAINT "FK_MailDeliveries_Payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "Payments" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_MailDeliveries_FailedAt" ON "MailDeliveries" ("FailedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125155755_MailDelivery', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Recipients" ADD "DeclineReason" TEXT NULL;

ALTER TABLE "Recipients" ADD "DeclinedAt" INTEGER NULL;

ALTER TABLE "Recipients" ADD "ListedAt" INTEGER NULL;

UPDATE "Recipients" SET "ListedAt" = "CreatedAt"

ALTER TABLE "Recipients" ADD "ProposedBy" TEXT NULL;

CREATE TABLE "ConnectedAccounts" (
    "RecipientId" TEXT NOT NULL CONSTRAINT "PK_ConnectedAccounts" PRIMARY KEY,
    "StripeAccountId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PayoutsEnabled" INTEGER NOT NULL,
    "DetailsSubmitted" INTEGER NOT NULL,
    "CurrentlyDue" TEXT NOT NULL,
    "DisabledReason" TEXT NULL,
    "ReportedAt" INTEGER NULL,
    CONSTRAINT "FK_ConnectedAccounts_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Payouts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Payouts" PRIMARY KEY,
    "RecipientId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "RequestedBy" TEXT NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ApprovedBy" TEXT NULL,
    "ApprovedAt" INTEGER NULL,
    "FirstAttemptAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "RetryAt" INTEGER NULL,
    "TransferId" TEXT NULL,
    "FinishedAt" INTEGER NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "FK_Payouts_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "StationManagers" (
    "RecipientId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "AddedBy" TEXT NULL,
    "AddedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_StationManagers" PRIMARY KEY ("RecipientId", "UserId"),
    CONSTRAINT "FK_StationManagers_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_StationManagers_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_ConnectedAccounts_StripeAccountId" ON "ConnectedAccounts" ("StripeAccountId");

CREATE INDEX "IX_Payouts_RecipientId_RequestedAt" ON "Payouts" ("RecipientId", "RequestedAt");

CREATE INDEX "IX_Payouts_Status_RetryAt" ON "Payouts" ("Status", "RetryAt");

CREATE INDEX "IX_StationManagers_UserId" ON "StationManagers" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125193511_StationManagersConnectedAccountsPayouts', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Payouts" ADD "LastAttemptAt" INTEGER NULL;

ALTER TABLE "Payouts" ADD "NoticeSentAt" INTEGER NULL;

CREATE TABLE "ManagerInvitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ManagerInvitations" PRIMARY KEY,
    "RecipientId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "InvitedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "TokenHash" TEXT NULL,
    "MailedAt" INTEGER NULL,
    "AcceptedAt" INTEGER NULL,
    "AcceptedBy" TEXT NULL,
    CONSTRAINT "FK_ManagerInvitations_AspNetUsers_InvitedBy" FOREIGN KEY ("InvitedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ManagerInvitations_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PayoutSchedules" (
    "RecipientId" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "Frequency" TEXT NOT NULL,
    "MinimumAmount" INTEGER NOT NULL,
    "SetBy" TEXT NOT NULL,
    "SetAt" INTEGER NOT NULL,
    "NextDueAt" INTEGER NOT NULL,
    CONSTRAINT "PK_PayoutSchedules" PRIMARY KEY ("RecipientId", "Currency"),
    CONSTRAINT "FK_PayoutSchedules_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "StationClaims" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StationClaims" PRIMARY KEY,
    "RecipientId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "SubmittedAt" INTEGER NOT NULL,
    "EmailTokenHash" TEXT NULL,
    "EmailLinkExpiresAt" INTEGER NULL,
    "EmailConfirmedAt" INTEGER NULL,
    "DecidedAt" INTEGER NULL,
    "DecidedBy" TEXT NULL,
    "DecisionReason" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_StationClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_StationClaims_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "StationClaimNotices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StationClaimNotices" PRIMARY KEY,
    "ClaimId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "SentAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "FailedAt" INTEGER NULL,
    "Reason" TEXT NOT NULL,
    CONSTRAINT "FK_StationClaimNotices_StationClaims_ClaimId" FOREIGN KEY ("ClaimId") REFERENCES "StationClaims" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ManagerInvitations_InvitedBy" ON "ManagerInvitations" ("InvitedBy");

CREATE INDEX "IX_ManagerInvitations_RecipientId_Email" ON "ManagerInvitations" ("RecipientId", "Email");

CREATE UNIQUE INDEX "IX_ManagerInvitations_TokenHash" ON "ManagerInvitations" ("TokenHash");

CREATE INDEX "IX_PayoutSchedules_NextDueAt" ON "PayoutSchedules" ("NextDueAt");

CREATE UNIQUE INDEX "IX_StationClaimNotices_ClaimId_Email" ON "StationClaimNotices" ("ClaimId", "Email");

CREATE INDEX "IX_StationClaimNotices_SentAt_FailedAt_NextAttemptAt" ON "StationClaimNotices" ("SentAt", "FailedAt", "NextAttemptAt");

CREATE INDEX "IX_StationClaims_RecipientId" ON "StationClaims" ("RecipientId");

CREATE INDEX "IX_StationClaims_Status_SubmittedAt" ON "StationClaims" ("Status", "SubmittedAt");

CREATE INDEX "IX_StationClaims_UserId" ON "StationClaims" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125211032_StationClaimsInvitationsPayoutSchedules', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Pledges" ADD "FallbackRecipientId" TEXT NULL;

ALTER TABLE "Payments" ADD "DeadlineReminders" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Payments" ADD "Disposal" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Payments" ADD "MovedAt" INTEGER NULL;

ALTER TABLE "Payments" ADD "MovedNoticeSentAt" INTEGER NULL;

ALTER TABLE "Payments" ADD "MovedToRecipientId" TEXT NULL;

CREATE INDEX "IX_Pledges_FallbackRecipientId" ON "Pledges" ("FallbackRecipientId");

CREATE INDEX "IX_Payments_MovedToRecipientId" ON "Payments" ("MovedToRecipientId");

CREATE TABLE "ef_temp_Payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY,
    "Currency" TEXT NOT NULL,
    "DeadlineReminders" INTEGER NOT NULL,
    "Disposal" INTEGER NOT NULL,
    "Fee" INTEGER NOT NULL,
    "Gross" INTEGER NOT NULL,
    "JournalEntryId" TEXT NOT NULL,
    "MovedAt" INTEGER NULL,
    "MovedNoticeSentAt" INTEGER NULL,
    "MovedToRecipientId" TEXT NULL,
    "PaidAt" INTEGER NOT NULL,
    "PaymentIntentId" TEXT NOT NULL,
    "PledgeId" TEXT NOT NULL,
    "ReceiptSentAt" INTEGER NULL,
    "RefundId" TEXT NULL,
    "RefundNoticeSentAt" INTEGER NULL,
    "RefundedAt" INTEGER NULL,
    CONSTRAINT "FK_Payments_JournalEntries_JournalEntryId" FOREIGN KEY ("JournalEntryId") REFERENCES "JournalEntries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Pledges_PledgeId" FOREIGN KEY ("PledgeId") REFERENCES "Pledges" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Recipients_MovedToRecipientId" FOREIGN KEY ("MovedToRecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Payments" ("Id", "Currency", "DeadlineReminders", "Disposal", "Fee", "Gross", "JournalEntryId", "MovedAt", "MovedNoticeSentAt", "MovedToRecipientId", "PaidAt", "PaymentIntentId", "PledgeId", "ReceiptSentAt", "RefundId", "RefundNoticeSentAt", "RefundedAt")
SELECT "Id", "Currency", "DeadlineReminders", "Disposal", "Fee", "Gross", "JournalEntryId", "MovedAt", "MovedNoticeSentAt", "MovedToRecipientId", "PaidAt", "PaymentIntentId", "PledgeId", "ReceiptSentAt", "RefundId", "RefundNoticeSentAt", "RefundedAt"
FROM "Payments";

CREATE TABLE "ef_temp_Pledges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Pledges" PRIMARY KEY,
    "Amount" INTEGER NOT NULL,
    "Anonymous" INTEGER NOT NULL,
    "CancelledAt" INTEGER NULL,
    "ChargeAmount" INTEGER NOT NULL,
    "CheckoutSessionId" TEXT NULL,
    "CheckoutUrl" TEXT NULL,
    "CoverFee" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "EstimatedFee" INTEGER NOT NULL,
    "FailureReason" TEXT NULL,
    "FallbackRecipientId" TEXT NULL,
    "Frequency" TEXT NOT NULL,
    "ListenerId" TEXT NULL,
    "Message" TEXT NULL,
    "NextChargeAt" INTEGER NULL,
    "PaidAt" INTEGER NULL,
    "PaymentMethodId" TEXT NULL,
    "PaymentsCount" INTEGER NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "StripeCustomerId" TEXT NULL,
    CONSTRAINT "FK_Pledges_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Pledges_Recipients_FallbackRecipientId" FOREIGN KEY ("FallbackRecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Pledges_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Pledges" ("Id", "Amount", "Anonymous", "CancelledAt", "ChargeAmount", "CheckoutSessionId", "CheckoutUrl", "CoverFee", "CreatedAt", "Currency", "Email", "EstimatedFee", "FailureReason", "FallbackRecipientId", "Frequency", "ListenerId", "Message", "NextChargeAt", "PaidAt", "PaymentMethodId", "PaymentsCount", "RecipientId", "Status", "StripeCustomerId")
SELECT "Id", "Amount", "Anonymous", "CancelledAt", "ChargeAmount", "CheckoutSessionId", "CheckoutUrl", "CoverFee", "CreatedAt", "Currency", "Email", "EstimatedFee", "FailureReason", "FallbackRecipientId", "Frequency", "ListenerId", "Message", "NextChargeAt", "PaidAt", "PaymentMethodId", "PaymentsCount", "RecipientId", "Status", "StripeCustomerId"
FROM "Pledges";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "Payments";

ALTER TABLE "ef_temp_Payments" RENAME TO "Payments";

DROP TABLE "Pledges";

ALTER TABLE "ef_temp_Pledges" RENAME TO "Pledges";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_Payments_JournalEntryId" ON "Payments" ("JournalEntryId");

CREATE INDEX "IX_Payments_MovedToRecipientId" ON "Payments" ("MovedToRecipientId");

CREATE UNIQUE INDEX "IX_Payments_PaymentIntentId" ON "Payments" ("PaymentIntentId");

CREATE INDEX "IX_Payments_PledgeId" ON "Payments" ("PledgeId");

CREATE INDEX "IX_Payments_ReceiptSentAt" ON "Payments" ("ReceiptSentAt");

CREATE INDEX "IX_Payments_RefundedAt_PaidAt" ON "Payments" ("RefundedAt", "PaidAt");

CREATE INDEX "IX_Pledges_CheckoutSessionId" ON "Pledges" ("CheckoutSessionId");

CREATE INDEX "IX_Pledges_FallbackRecipientId" ON "Pledges" ("FallbackRecipientId");

CREATE INDEX "IX_Pledges_ListenerId" ON "Pledges" ("ListenerId");

CREATE INDEX "IX_Pledges_RecipientId" ON "Pledges" ("RecipientId");

CREATE INDEX "IX_Pledges_Status_NextChargeAt" ON "Pledges" ("Status", "NextChargeAt");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125231917_UnclaimedFallback', '10.0.14');

BEGIN TRANSACTION;
CREATE TABLE "ListeningSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ListeningSessions" PRIMARY KEY,
    "ListenerId" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "Minutes" INTEGER NOT NULL,
    "RecordedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ListeningSessions_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ListeningSessions_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_ListeningSessions_ListenerId_StartedAt" ON "ListeningSessions" ("ListenerId", "StartedAt");

CREATE INDEX "IX_ListeningSessions_RecipientId" ON "ListeningSessions" ("RecipientId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125235810_ListeningLog', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_LedgerTransfers_PostedAt_EntryId_Sequence" ON "LedgerTransfers" ("PostedAt", "EntryId", "Sequence");

CREATE INDEX "IX_JournalEntries_CauseType_PostedAt_Id" ON "JournalEntries" ("CauseType", "PostedAt", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126004230_Finance_Books', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AuditRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditRecords" PRIMARY KEY,
    "At" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "UserEmail" TEXT NULL,
    "Roles" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Input" TEXT NOT NULL,
    "Changes" TEXT NOT NULL
);

CREATE TABLE "LedgerSeals" (
    "Position" INTEGER NOT NULL CONSTRAINT "PK_LedgerSeals" PRIMARY KEY,
    "EntryId" TEXT NOT NULL,
    "EntryHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "SealedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_AuditRecords_Action_At" ON "AuditRecords" ("Action", "At");

CREATE INDEX "IX_AuditRecords_At_Id" ON "AuditRecords" ("At", "Id");

CREATE INDEX "IX_AuditRecords_UserId_At" ON "AuditRecords" ("UserId", "At");

CREATE UNIQUE INDEX "IX_LedgerSeals_EntryId" ON "LedgerSeals" ("EntryId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126005254_Finance_Integrity', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Refunds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Refunds" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RequestedBy" TEXT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "StripeRefundId" TEXT NULL,
    "CompletedAt" INTEGER NULL,
    "FailureMessage" TEXT NULL,
    "RequestKey" TEXT NULL,
    CONSTRAINT "FK_Refunds_Payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "Payments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Refunds_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Refunds_PaymentId" ON "Refunds" ("PaymentId");

CREATE INDEX "IX_Refunds_RecipientId" ON "Refunds" ("RecipientId");

CREATE UNIQUE INDEX "IX_Refunds_RequestKey" ON "Refunds" ("RequestKey");

CREATE UNIQUE INDEX "IX_Refunds_StripeRefundId" ON "Refunds" ("StripeRefundId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126005649_Finance_Refunds', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "JournalEntries" ADD "ManualAuthor" TEXT NULL;

CREATE TABLE "Discrepancies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Discrepancies" PRIMARY KEY,
    "SourceId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "LedgerCurrency" TEXT NULL,
    "StripeAmount" INTEGER NULL,
    "LedgerAmount" INTEGER NULL,
    "StripeFee" INTEGER NULL,
    "LedgerFee" INTEGER NULL,
    "OccurredAt" INTEGER NOT NULL,
    "FirstRunId" TEXT NOT NULL,
    "LastRunId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Note" TEXT NULL,
    "ResolvedBy" TEXT NULL,
    "ResolvedAt" INTEGER NULL,
    "AdjustmentEntryId" TEXT NULL
);

CREATE TABLE "LedgerPeriodLocks" (
    "Month" TEXT NOT NULL CONSTRAINT "PK_LedgerPeriodLocks" PRIMARY KEY,
    "LockedBy" TEXT NOT NULL,
    "LockedAt" INTEGER NOT NULL
);

CREATE TABLE "ReconciliationRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ReconciliationRuns" PRIMARY KEY,
    "From" INTEGER NOT NULL,
    "To" INTEGER NOT NULL,
    "RequestedBy" TEXT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "StripeSource" TEXT NULL,
    "Progress" INTEGER NOT NULL,
    "Step" TEXT NULL,
    "StripeItems" INTEGER NOT NULL,
    "LedgerItems" INTEGER NOT NULL,
    "Matched" INTEGER NOT NULL,
    "Discrepancies" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "Failure" TEXT NULL
);

CREATE TABLE "ReconciliationCategories" (
    "RunId" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "StripeItems" INTEGER NOT NULL,
    "LedgerItems" INTEGER NOT NULL,
    "Matched" INTEGER NOT NULL,
    "Discrepancies" INTEGER NOT NULL,
    CONSTRAINT "PK_ReconciliationCategories" PRIMARY KEY ("RunId", "Category"),
    CONSTRAINT "FK_ReconciliationCategories_ReconciliationRuns_RunId" FOREIGN KEY ("RunId") REFERENCES "ReconciliationRuns" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Discrepancies_LastRunId" ON "Discrepancies" ("LastRunId");

CREATE UNIQUE INDEX "IX_Discrepancies_SourceId_Kind" ON "Discrepancies" ("SourceId", "Kind");

CREATE INDEX "IX_Discrepancies_Status_OccurredAt" ON "Discrepancies" ("Status", "OccurredAt");

CREATE INDEX "IX_ReconciliationRuns_RequestedAt" ON "ReconciliationRuns" ("RequestedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126010004_Finance_Reconciliation', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Payments_PaymentIntentId";

ALTER TABLE "Pledges" ADD "BasketCycles" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Pledges" ADD "InBasket" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Pledges" ADD "RatePerHour" INTEGER NULL;

ALTER TABLE "Payments" ADD "BasketId" TEXT NULL;

CREATE TABLE "Baskets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Baskets" PRIMARY KEY,
    "ListenerId" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Fee" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "AttemptsBeforeRound" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NULL,
    "PaymentIntentId" TEXT NULL,
    "AttemptStartedAt" INTEGER NULL,
    "FailureReason" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "PaidAt" INTEGER NULL,
    "CarriedForward" INTEGER NOT NULL,
    "NoticeSentAt" INTEGER NULL,
    CONSTRAINT "FK_Baskets_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ListenerCards" (
    "ListenerId" TEXT NOT NULL CONSTRAINT "PK_ListenerCards" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "PaymentMethodId" TEXT NOT NULL,
    "SavedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ListenerCards_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "BasketLines" (
    "BasketId" TEXT NOT NULL,
    "PledgeId" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Fee" INTEGER NOT NULL,
    CONSTRAINT "PK_BasketLines" PRIMARY KEY ("BasketId", "PledgeId"),
    CONSTRAINT "FK_BasketLines_Baskets_BasketId" FOREIGN KEY ("BasketId") REFERENCES "Baskets" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_BasketLines_Pledges_PledgeId" FOREIGN KEY ("PledgeId") REFERENCES "Pledges" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_BasketLines_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Payments_BasketId" ON "Payments" ("BasketId");

CREATE UNIQUE INDEX "IX_Payments_PaymentIntentId_PledgeId" ON "Payments" ("PaymentIntentId", "PledgeId");

CREATE INDEX "IX_BasketLines_PledgeId" ON "BasketLines" ("PledgeId");

CREATE INDEX "IX_BasketLines_RecipientId" ON "BasketLines" ("RecipientId");

CREATE UNIQUE INDEX "IX_Baskets_ListenerId_Period_Currency" ON "Baskets" ("ListenerId", "Period", "Currency");

CREATE INDEX "IX_Baskets_Status_NextAttemptAt" ON "Baskets" ("Status", "NextAttemptAt");

CREATE TABLE "ef_temp_Payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY,
    "BasketId" TEXT NULL,
    "Currency" TEXT NOT NULL,
    "DeadlineReminders" INTEGER NOT NULL,
    "Disposal" INTEGER NOT NULL,
    "Fee" INTEGER NOT NULL,
    "Gross" INTEGER NOT NULL,
    "JournalEntryId" TEXT NOT NULL,
    "MovedAt" INTEGER NULL,
    "MovedNoticeSentAt" INTEGER NULL,
    "MovedToRecipientId" TEXT NULL,
    "PaidAt" INTEGER NOT NULL,
    "PaymentIntentId" TEXT NOT NULL,
    "PledgeId" TEXT NOT NULL,
    "ReceiptSentAt" INTEGER NULL,
    "RefundId" TEXT NULL,
    "RefundNoticeSentAt" INTEGER NULL,
    "RefundedAt" INTEGER NULL,
    CONSTRAINT "FK_Payments_Baskets_BasketId" FOREIGN KEY ("BasketId") REFERENCES "Baskets" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_JournalEntries_JournalEntryId" FOREIGN KEY ("JournalEntryId") REFERENCES "JournalEntries" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Pledges_PledgeId" FOREIGN KEY ("PledgeId") REFERENCES "Pledges" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Payments_Recipients_MovedToRecipientId" FOREIGN KEY ("MovedToRecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Payments" ("Id", "BasketId", "Currency", "DeadlineReminders", "Disposal", "Fee", "Gross", "JournalEntryId", "MovedAt", "MovedNoticeSentAt", "MovedToRecipientId", "PaidAt", "PaymentIntentId", "PledgeId", "ReceiptSentAt", "RefundId", "RefundNoticeSentAt", "RefundedAt")
SELECT "Id", "BasketId", "Currency", "DeadlineReminders", "Disposal", "Fee", "Gross", "JournalEntryId", "MovedAt", "MovedNoticeSentAt", "MovedToRecipientId", "PaidAt", "PaymentIntentId", "PledgeId", "ReceiptSentAt", "RefundId", "RefundNoticeSentAt", "RefundedAt"
FROM "Payments";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "Payments";

ALTER TABLE "ef_temp_Payments" RENAME TO "Payments";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE INDEX "IX_Payments_BasketId" ON "Payments" ("BasketId");

CREATE INDEX "IX_Payments_JournalEntryId" ON "Payments" ("JournalEntryId");

CREATE INDEX "IX_Payments_MovedToRecipientId" ON "Payments" ("MovedToRecipientId");

CREATE UNIQUE INDEX "IX_Payments_PaymentIntentId_PledgeId" ON "Payments" ("PaymentIntentId", "PledgeId");

CREATE INDEX "IX_Payments_PledgeId" ON "Payments" ("PledgeId");

CREATE INDEX "IX_Payments_ReceiptSentAt" ON "Payments" ("ReceiptSentAt");

CREATE INDEX "IX_Payments_RefundedAt_PaidAt" ON "Payments" ("RefundedAt", "PaidAt");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126022548_Basket', '10.0.14');

BEGIN TRANSACTION;
CREATE TABLE "ListenerDetails" (
    "ListenerId" TEXT NOT NULL CONSTRAINT "PK_ListenerDetails" PRIMARY KEY,
    "Name" TEXT NULL,
    "PostalAddress" TEXT NULL,
    "ChangedAt" INTEGER NULL,
    CONSTRAINT "FK_ListenerDetails_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ListenerTerms" (
    "ListenerId" TEXT NOT NULL CONSTRAINT "PK_ListenerTerms" PRIMARY KEY,
    "Display" TEXT NOT NULL,
    "Contact" TEXT NOT NULL,
    "NoSharing" INTEGER NOT NULL,
    "NoGifts" INTEGER NOT NULL,
    "NoAsksYear" INTEGER NULL,
    "ChangedAt" INTEGER NULL,
    CONSTRAINT "FK_ListenerTerms_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TermsAgreements" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TermsAgreements" PRIMARY KEY,
    "RecipientId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "Terms" TEXT NOT NULL,
    "AgreedAt" INTEGER NOT NULL,
    "Payload" TEXT NOT NULL,
    "Signature" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL,
    CONSTRAINT "FK_TermsAgreements_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_TermsAgreements_RecipientId_AgreedAt" ON "TermsAgreements" ("RecipientId", "AgreedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126040439_I12Terms', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "GiverProfiles" (
    "ListenerId" TEXT NOT NULL CONSTRAINT "PK_GiverProfiles" PRIMARY KEY,
    "Handle" TEXT NOT NULL,
    "Published" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_GiverProfiles_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "GivingProofs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_GivingProofs" PRIMARY KEY,
    "ListenerId" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    CONSTRAINT "FK_GivingProofs_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_GivingProofs_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SharedGifts" (
    "PaymentId" TEXT NOT NULL CONSTRAINT "PK_SharedGifts" PRIMARY KEY,
    "ListenerId" TEXT NOT NULL,
    "ShowAmount" INTEGER NOT NULL,
    "SharedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_SharedGifts_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SharedGifts_Payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "Payments" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_GiverProfiles_Handle" ON "GiverProfiles" ("Handle");

CREATE INDEX "IX_GivingProofs_ListenerId" ON "GivingProofs" ("ListenerId");

CREATE INDEX "IX_GivingProofs_RecipientId" ON "GivingProofs" ("RecipientId");

CREATE UNIQUE INDEX "IX_GivingProofs_TokenHash" ON "GivingProofs" ("TokenHash");

CREATE INDEX "IX_SharedGifts_ListenerId" ON "SharedGifts" ("ListenerId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126040811_I12Public', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Disputes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Disputes" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Amount" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Withdrawn" INTEGER NOT NULL,
    "Reinstated" INTEGER NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "ClosedAt" INTEGER NULL,
    CONSTRAINT "FK_Disputes_Payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "Payments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Disputes_Recipients_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "Recipients" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Disputes_OpenedAt" ON "Disputes" ("OpenedAt");

CREATE INDEX "IX_Disputes_Outcome_OpenedAt" ON "Disputes" ("Outcome", "OpenedAt");

CREATE INDEX "IX_Disputes_PaymentId" ON "Disputes" ("PaymentId");

CREATE INDEX "IX_Disputes_RecipientId" ON "Disputes" ("RecipientId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126041011_I10Rest', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "StatementMailings" (
    "ListenerId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "SentAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "FailedAt" INTEGER NULL,
    "Reason" TEXT NOT NULL,
    CONSTRAINT "PK_StatementMailings" PRIMARY KEY ("ListenerId", "Year"),
    CONSTRAINT "FK_StatementMailings_AspNetUsers_ListenerId" FOREIGN KEY ("ListenerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_StatementMailings_Year_FailedAt" ON "StatementMailings" ("Year", "FailedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126041210_I12Record', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ef_temp_Baskets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Baskets" PRIMARY KEY,
    "Amount" INTEGER NOT NULL,
    "AttemptStartedAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "AttemptsBeforeRound" INTEGER NOT NULL,
    "CarriedForward" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "FailureReason" TEXT NULL,
    "Fee" INTEGER NOT NULL,
    "ListenerId" TEXT NOT NULL,
    "NextAttemptAt" INTEGER NULL,
    "NoticeSentAt" INTEGER NULL,
    "PaidAt" INTEGER NULL,
    "PaymentIntentId" TEXT NULL,
    "Period" TEXT NOT NULL,
    "Status" TEXT NOT NULL
);

INSERT INTO "ef_temp_Baskets" ("Id", "Amount", "AttemptStartedAt", "Attempts", "AttemptsBeforeRound", "CarriedForward", "CreatedAt", "Currency", "FailureReason", "Fee", "ListenerId", "NextAttemptAt", "NoticeSentAt", "PaidAt", "PaymentIntentId", "Period", "Status")
SELECT "Id", "Amount", "AttemptStartedAt", "Attempts", "AttemptsBeforeRound", "CarriedForward", "CreatedAt", "Currency", "FailureReason", "Fee", "ListenerId", "NextAttemptAt", "NoticeSentAt", "PaidAt", "PaymentIntentId", "Period", "Status"
FROM "Baskets";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;
DROP TABLE "Baskets";

ALTER TABLE "ef_temp_Baskets" RENAME TO "Baskets";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;
CREATE UNIQUE INDEX "IX_Baskets_ListenerId_Period_Currency" ON "Baskets" ("ListenerId", "Period", "Currency");

CREATE INDEX "IX_Baskets_Status_NextAttemptAt" ON "Baskets" ("Status", "NextAttemptAt");

COMMIT;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126044942_BasketsOutliveAccounts', '10.0.14');

BEGIN TRANSACTION;
ALTER TABLE "Pledges" ADD "CheckoutAttempts" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Pledges" ADD "CheckoutOpenedAt" INTEGER NULL;

ALTER TABLE "Pledges" ADD "PausedAt" INTEGER NULL;

ALTER TABLE "Pledges" ADD "RemovedAt" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126060133_I11Portal', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "PayoutSchedules" ADD "SetAsideAt" INTEGER NULL;

ALTER TABLE "PayoutSchedules" ADD "SetAsideReason" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126090024_PayoutsSweep', '10.0.14');

COMMIT;

