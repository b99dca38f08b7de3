IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [IdempotentRequests] (
        [Key] nvarchar(255) NOT NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [ResponseJson] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_IdempotentRequests] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [JournalEntries] (
        [Id] uniqueidentifier NOT NULL,
        [IdempotencyKey] nvarchar(200) NOT NULL,
        [Description] nvarchar(500) NOT NULL,
        [PostedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_JournalEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [LedgerAccounts] (
        [Id] uniqueidentifier NOT NULL,
        [Code] nvarchar(100) NOT NULL,
        [Type] nvarchar(20) NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [DebitsMustNotExceedCredits] bit NOT NULL,
        [BalanceSlots] int NOT NULL,
        [OpenedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LedgerAccounts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [ProcessedStripeEvents] (
        [Id] nvarchar(255) NOT NULL,
        [Type] nvarchar(100) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ProcessedStripeEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [Recipients] (
        [Id] uniqueidentifier NOT NULL,
        [Slug] nvarchar(40) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [CallSign] nvarchar(20) NOT NULL,
        [Frequency] nvarchar(20) NOT NULL,
        [City] nvarchar(100) NOT NULL,
        [State] nvarchar(50) NOT NULL,
        [Website] nvarchar(300) NULL,
        [SearchText] nvarchar(400) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ClaimedAt] datetimeoffset NULL,
        CONSTRAINT [PK_Recipients] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [LedgerBalances] (
        [AccountId] uniqueidentifier NOT NULL,
        [Slot] int NOT NULL,
        [DebitsPosted] bigint NOT NULL,
        [CreditsPosted] bigint NOT NULL,
        [DebitsPending] bigint NOT NULL,
        [CreditsPending] bigint NOT NULL,
        CONSTRAINT [PK_LedgerBalances] PRIMARY KEY ([AccountId], [Slot]),
        CONSTRAINT [FK_LedgerBalances_LedgerAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [LedgerAccounts] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [LedgerTransfers] (
        [Id] uniqueidentifier NOT NULL,
        [EntryId] uniqueidentifier NOT NULL,
        [Sequence] int NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [DebitAccountId] uniqueidentifier NOT NULL,
        [CreditAccountId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [PendingTransferId] uniqueidentifier NULL,
        CONSTRAINT [PK_LedgerTransfers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerTransfers_JournalEntries_EntryId] FOREIGN KEY ([EntryId]) REFERENCES [JournalEntries] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerTransfers_LedgerAccounts_CreditAccountId] FOREIGN KEY ([CreditAccountId]) REFERENCES [LedgerAccounts] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerTransfers_LedgerAccounts_DebitAccountId] FOREIGN KEY ([DebitAccountId]) REFERENCES [LedgerAccounts] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerTransfers_LedgerTransfers_PendingTransferId] FOREIGN KEY ([PendingTransferId]) REFERENCES [LedgerTransfers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [Pledges] (
        [Id] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [ListenerId] nvarchar(450) NULL,
        [Email] nvarchar(256) NOT NULL,
        [Amount] bigint NOT NULL,
        [ChargeAmount] bigint NOT NULL,
        [EstimatedFee] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [Frequency] nvarchar(20) NOT NULL,
        [Message] nvarchar(500) NULL,
        [Anonymous] bit NOT NULL,
        [CoverFee] bit NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CheckoutSessionId] nvarchar(255) NULL,
        [CheckoutUrl] nvarchar(2000) NULL,
        [PaidAt] datetimeoffset NULL,
        [FailureReason] nvarchar(300) NULL,
        [StripeCustomerId] nvarchar(255) NULL,
        [PaymentMethodId] nvarchar(255) NULL,
        [NextChargeAt] datetimeoffset NULL,
        [PaymentsCount] int NOT NULL,
        [CancelledAt] datetimeoffset NULL,
        CONSTRAINT [PK_Pledges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Pledges_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Pledges_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE TABLE [Payments] (
        [Id] uniqueidentifier NOT NULL,
        [PledgeId] uniqueidentifier NOT NULL,
        [PaymentIntentId] nvarchar(255) NOT NULL,
        [Gross] bigint NOT NULL,
        [Fee] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [JournalEntryId] uniqueidentifier NOT NULL,
        [PaidAt] datetimeoffset NOT NULL,
        [ReceiptSentAt] datetimeoffset NULL,
        [RefundedAt] datetimeoffset NULL,
        [RefundId] nvarchar(255) NULL,
        [RefundNoticeSentAt] datetimeoffset NULL,
        CONSTRAINT [PK_Payments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payments_JournalEntries_JournalEntryId] FOREIGN KEY ([JournalEntryId]) REFERENCES [JournalEntries] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payments_Pledges_PledgeId] FOREIGN KEY ([PledgeId]) REFERENCES [Pledges] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
        SET IDENTITY_INSERT [AspNetRoles] ON;
    EXEC(N'INSERT INTO [AspNetRoles] ([Id], [ConcurrencyStamp], [Name], [NormalizedName])
    VALUES (N''role-admin'', N''stamp-admin'', N''Admin'', N''ADMIN''),
    (N''role-finance'', N''stamp-finance'', N''Finance'', N''FINANCE''),
    (N''role-listener'', N''stamp-listener'', N''Listener'', N''LISTENER''),
    (N''role-stationmanager'', N''stamp-stationmanager'', N''StationManager'', N''STATIONMANAGER'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
        SET IDENTITY_INSERT [AspNetRoles] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_JournalEntries_IdempotencyKey] ON [JournalEntries] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_JournalEntries_PostedAt] ON [JournalEntries] ([PostedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerAccounts_Code_Currency] ON [LedgerAccounts] ([Code], [Currency]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_LedgerTransfers_CreditAccountId] ON [LedgerTransfers] ([CreditAccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_LedgerTransfers_DebitAccountId] ON [LedgerTransfers] ([DebitAccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerTransfers_EntryId_Sequence] ON [LedgerTransfers] ([EntryId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_LedgerTransfers_PendingTransferId] ON [LedgerTransfers] ([PendingTransferId]) WHERE [PendingTransferId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Payments_JournalEntryId] ON [Payments] ([JournalEntryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payments_PaymentIntentId] ON [Payments] ([PaymentIntentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Payments_PledgeId] ON [Payments] ([PledgeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Payments_ReceiptSentAt] ON [Payments] ([ReceiptSentAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Payments_RefundedAt_PaidAt] ON [Payments] ([RefundedAt], [PaidAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Pledges_CheckoutSessionId] ON [Pledges] ([CheckoutSessionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Pledges_ListenerId] ON [Pledges] ([ListenerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Pledges_RecipientId] ON [Pledges] ([RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Pledges_Status_NextChargeAt] ON [Pledges] ([Status], [NextChargeAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Recipients_Slug] ON [Recipients] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124075748_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261124075748_InitialCreate', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124081655_StripeEventInbox'
)
BEGIN
    DROP TABLE [ProcessedStripeEvents];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124081655_StripeEventInbox'
)
BEGIN
    CREATE TABLE [StripeEvents] (
        [Id] nvarchar(255) NOT NULL,
        [Type] nvarchar(100) NOT NULL,
        [PaymentIntentId] nvarchar(255) NULL,
        [Payload] nvarchar(max) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [ProcessedAt] datetimeoffset NULL,
        [FailedAttempts] int NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_StripeEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124081655_StripeEventInbox'
)
BEGIN
    CREATE INDEX [IX_StripeEvents_ProcessedAt_DueAt] ON [StripeEvents] ([ProcessedAt], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261124081655_StripeEventInbox'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261124081655_StripeEventInbox', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141841_PipelineOutbox'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[IdempotentRequests]') AND [c].[name] = N'ResponseJson');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [IdempotentRequests] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [IdempotentRequests] ALTER COLUMN [ResponseJson] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141841_PipelineOutbox'
)
BEGIN
    ALTER TABLE [IdempotentRequests] ADD [AttemptId] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141841_PipelineOutbox'
)
BEGIN
    ALTER TABLE [IdempotentRequests] ADD [CompletedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141841_PipelineOutbox'
)
BEGIN
    ALTER TABLE [IdempotentRequests] ADD [HeldUntil] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141841_PipelineOutbox'
)
BEGIN
    CREATE TABLE [OutboxMessages] (
        [Id] uniqueidentifier NOT NULL,
        [Type] nvarchar(300) NOT NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [DispatchedAt] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(1000) NULL,
        CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141841_PipelineOutbox'
)
BEGIN
    CREATE INDEX [IX_OutboxMessages_DispatchedAt_DueAt] ON [OutboxMessages] ([DispatchedAt], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125141841_PipelineOutbox'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125141841_PipelineOutbox', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125150943_StripeEventRouting'
)
BEGIN
    DROP INDEX [IX_StripeEvents_ProcessedAt_DueAt] ON [StripeEvents];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125150943_StripeEventRouting'
)
BEGIN
    EXEC sp_rename N'[StripeEvents].[PaymentIntentId]', N'ObjectId', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125150943_StripeEventRouting'
)
BEGIN
    ALTER TABLE [StripeEvents] ADD [ObjectType] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125150943_StripeEventRouting'
)
BEGIN
    ALTER TABLE [StripeEvents] ADD [Status] nvarchar(16) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125150943_StripeEventRouting'
)
BEGIN
    CREATE INDEX [IX_StripeEvents_ProcessedAt] ON [StripeEvents] ([ProcessedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125150943_StripeEventRouting'
)
BEGIN
    CREATE INDEX [IX_StripeEvents_Status_DueAt] ON [StripeEvents] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125150943_StripeEventRouting'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125150943_StripeEventRouting', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    DROP INDEX [IX_LedgerTransfers_CreditAccountId] ON [LedgerTransfers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    DROP INDEX [IX_LedgerTransfers_DebitAccountId] ON [LedgerTransfers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerTransfers] ADD [CreditBalanceAfter] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerTransfers] ADD [CreditSlot] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerTransfers] ADD [CreditSlotSequence] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerTransfers] ADD [DebitBalanceAfter] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerTransfers] ADD [DebitSlot] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerTransfers] ADD [DebitSlotSequence] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerTransfers] ADD [PostedAt] datetimeoffset NOT NULL DEFAULT '0001-01-01T00:00:00.0000000+00:00';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [LedgerBalances] ADD [PostingCount] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [JournalEntries] ADD [CauseId] nvarchar(200) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    ALTER TABLE [JournalEntries] ADD [CauseType] nvarchar(20) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    CREATE INDEX [IX_LedgerTransfers_CreditAccountId_PostedAt] ON [LedgerTransfers] ([CreditAccountId], [PostedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    CREATE INDEX [IX_LedgerTransfers_DebitAccountId_PostedAt] ON [LedgerTransfers] ([DebitAccountId], [PostedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    CREATE INDEX [IX_JournalEntries_CauseType_CauseId] ON [JournalEntries] ([CauseType], [CauseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125153500_LedgerCauses'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125153500_LedgerCauses', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125155828_MailDelivery'
)
BEGIN
    CREATE TABLE [MailDeliveries] (
        [PaymentId] uniqueidentifier NOT NULL,
        [Kind] int NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NOT NULL,
        [FailedAt] datetimeoffset NULL,
        [Reason] nvarchar(1000) NOT NULL,
        CONSTRAINT [PK_MailDeliveries] PRIMARY KEY ([PaymentId], [Kind]),
        CONSTRAINT [FK_MailDeliveries_Payments_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [Payments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125155828_MailDelivery'
)
BEGIN
    CREATE INDEX [IX_MailDeliveries_FailedAt] ON [MailDeliveries] ([FailedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125155828_MailDelivery'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125155828_MailDelivery', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    ALTER TABLE [Recipients] ADD [DeclineReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    ALTER TABLE [Recipients] ADD [DeclinedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    ALTER TABLE [Recipients] ADD [ListedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    UPDATE [Recipients] SET [ListedAt] = [CreatedAt]
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    ALTER TABLE [Recipients] ADD [ProposedBy] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    CREATE TABLE [ConnectedAccounts] (
        [RecipientId] uniqueidentifier NOT NULL,
        [StripeAccountId] nvarchar(255) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [PayoutsEnabled] bit NOT NULL,
        [DetailsSubmitted] bit NOT NULL,
        [CurrentlyDue] nvarchar(2000) NOT NULL,
        [DisabledReason] nvarchar(100) NULL,
        [ReportedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ConnectedAccounts] PRIMARY KEY ([RecipientId]),
        CONSTRAINT [FK_ConnectedAccounts_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    CREATE TABLE [Payouts] (
        [Id] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [RequestedBy] nvarchar(450) NOT NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [ApprovedBy] nvarchar(450) NULL,
        [ApprovedAt] datetimeoffset NULL,
        [FirstAttemptAt] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [RetryAt] datetimeoffset NULL,
        [TransferId] nvarchar(255) NULL,
        [FinishedAt] datetimeoffset NULL,
        [Reason] nvarchar(500) NULL,
        CONSTRAINT [PK_Payouts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payouts_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    CREATE TABLE [StationManagers] (
        [RecipientId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [AddedBy] nvarchar(450) NULL,
        [AddedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_StationManagers] PRIMARY KEY ([RecipientId], [UserId]),
        CONSTRAINT [FK_StationManagers_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_StationManagers_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ConnectedAccounts_StripeAccountId] ON [ConnectedAccounts] ([StripeAccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    CREATE INDEX [IX_Payouts_RecipientId_RequestedAt] ON [Payouts] ([RecipientId], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    CREATE INDEX [IX_Payouts_Status_RetryAt] ON [Payouts] ([Status], [RetryAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    CREATE INDEX [IX_StationManagers_UserId] ON [StationManagers] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125193520_StationManagersConnectedAccountsPayouts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125193520_StationManagersConnectedAccountsPayouts', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    ALTER TABLE [Payouts] ADD [LastAttemptAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    ALTER TABLE [Payouts] ADD [NoticeSentAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE TABLE [ManagerInvitations] (
        [Id] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [InvitedBy] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [TokenHash] nvarchar(64) NULL,
        [MailedAt] datetimeoffset NULL,
        [AcceptedAt] datetimeoffset NULL,
        [AcceptedBy] nvarchar(450) NULL,
        CONSTRAINT [PK_ManagerInvitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ManagerInvitations_AspNetUsers_InvitedBy] FOREIGN KEY ([InvitedBy]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ManagerInvitations_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE TABLE [PayoutSchedules] (
        [RecipientId] uniqueidentifier NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [Frequency] nvarchar(10) NOT NULL,
        [MinimumAmount] bigint NOT NULL,
        [SetBy] nvarchar(450) NOT NULL,
        [SetAt] datetimeoffset NOT NULL,
        [NextDueAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_PayoutSchedules] PRIMARY KEY ([RecipientId], [Currency]),
        CONSTRAINT [FK_PayoutSchedules_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE TABLE [StationClaims] (
        [Id] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [Phone] nvarchar(40) NOT NULL,
        [Note] nvarchar(1000) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [EmailTokenHash] nchar(64) NULL,
        [EmailLinkExpiresAt] datetimeoffset NULL,
        [EmailConfirmedAt] datetimeoffset NULL,
        [DecidedAt] datetimeoffset NULL,
        [DecidedBy] nvarchar(450) NULL,
        [DecisionReason] nvarchar(500) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_StationClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_StationClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_StationClaims_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE TABLE [StationClaimNotices] (
        [Id] uniqueidentifier NOT NULL,
        [ClaimId] uniqueidentifier NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [SentAt] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NOT NULL,
        [FailedAt] datetimeoffset NULL,
        [Reason] nvarchar(1000) NOT NULL,
        CONSTRAINT [PK_StationClaimNotices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_StationClaimNotices_StationClaims_ClaimId] FOREIGN KEY ([ClaimId]) REFERENCES [StationClaims] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE INDEX [IX_ManagerInvitations_InvitedBy] ON [ManagerInvitations] ([InvitedBy]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE INDEX [IX_ManagerInvitations_RecipientId_Email] ON [ManagerInvitations] ([RecipientId], [Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_ManagerInvitations_TokenHash] ON [ManagerInvitations] ([TokenHash]) WHERE [TokenHash] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE INDEX [IX_PayoutSchedules_NextDueAt] ON [PayoutSchedules] ([NextDueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE UNIQUE INDEX [IX_StationClaimNotices_ClaimId_Email] ON [StationClaimNotices] ([ClaimId], [Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE INDEX [IX_StationClaimNotices_SentAt_FailedAt_NextAttemptAt] ON [StationClaimNotices] ([SentAt], [FailedAt], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE INDEX [IX_StationClaims_RecipientId] ON [StationClaims] ([RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE INDEX [IX_StationClaims_Status_SubmittedAt] ON [StationClaims] ([Status], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    CREATE INDEX [IX_StationClaims_UserId] ON [StationClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125211041_StationClaimsInvitationsPayoutSchedules'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125211041_StationClaimsInvitationsPayoutSchedules', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Pledges] ADD [FallbackRecipientId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Payments] ADD [DeadlineReminders] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Payments] ADD [Disposal] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Payments] ADD [MovedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Payments] ADD [MovedNoticeSentAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Payments] ADD [MovedToRecipientId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    CREATE INDEX [IX_Pledges_FallbackRecipientId] ON [Pledges] ([FallbackRecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    CREATE INDEX [IX_Payments_MovedToRecipientId] ON [Payments] ([MovedToRecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Payments] ADD CONSTRAINT [FK_Payments_Recipients_MovedToRecipientId] FOREIGN KEY ([MovedToRecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    ALTER TABLE [Pledges] ADD CONSTRAINT [FK_Pledges_Recipients_FallbackRecipientId] FOREIGN KEY ([FallbackRecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125231932_UnclaimedFallback'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125231932_UnclaimedFallback', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125235854_ListeningLog'
)
BEGIN
    CREATE TABLE [ListeningSessions] (
        [Id] uniqueidentifier NOT NULL,
        [ListenerId] nvarchar(450) NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [Minutes] int NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ListeningSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ListeningSessions_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ListeningSessions_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125235854_ListeningLog'
)
BEGIN
    CREATE INDEX [IX_ListeningSessions_ListenerId_StartedAt] ON [ListeningSessions] ([ListenerId], [StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125235854_ListeningLog'
)
BEGIN
    CREATE INDEX [IX_ListeningSessions_RecipientId] ON [ListeningSessions] ([RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125235854_ListeningLog'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125235854_ListeningLog', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126004256_Finance_Books'
)
BEGIN
    CREATE INDEX [IX_LedgerTransfers_PostedAt_EntryId_Sequence] ON [LedgerTransfers] ([PostedAt], [EntryId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126004256_Finance_Books'
)
BEGIN
    CREATE INDEX [IX_JournalEntries_CauseType_PostedAt_Id] ON [JournalEntries] ([CauseType], [PostedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126004256_Finance_Books'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126004256_Finance_Books', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005305_Finance_Integrity'
)
BEGIN
    CREATE TABLE [AuditRecords] (
        [Id] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [UserEmail] nvarchar(256) NULL,
        [Roles] nvarchar(100) NOT NULL,
        [Action] nvarchar(200) NOT NULL,
        [Input] nvarchar(max) NOT NULL,
        [Changes] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_AuditRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005305_Finance_Integrity'
)
BEGIN
    CREATE TABLE [LedgerSeals] (
        [Position] bigint NOT NULL,
        [EntryId] uniqueidentifier NOT NULL,
        [EntryHash] nchar(64) NOT NULL,
        [Hash] nchar(64) NOT NULL,
        [SealedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LedgerSeals] PRIMARY KEY ([Position])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005305_Finance_Integrity'
)
BEGIN
    CREATE INDEX [IX_AuditRecords_Action_At] ON [AuditRecords] ([Action], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005305_Finance_Integrity'
)
BEGIN
    CREATE INDEX [IX_AuditRecords_At_Id] ON [AuditRecords] ([At], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005305_Finance_Integrity'
)
BEGIN
    CREATE INDEX [IX_AuditRecords_UserId_At] ON [AuditRecords] ([UserId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005305_Finance_Integrity'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerSeals_EntryId] ON [LedgerSeals] ([EntryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005305_Finance_Integrity'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126005305_Finance_Integrity', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005657_Finance_Refunds'
)
BEGIN
    CREATE TABLE [Refunds] (
        [Id] uniqueidentifier NOT NULL,
        [PaymentId] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [RequestedBy] nvarchar(450) NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [StripeRefundId] nvarchar(255) NULL,
        [CompletedAt] datetimeoffset NULL,
        [FailureMessage] nvarchar(300) NULL,
        [RequestKey] nvarchar(250) NULL,
        CONSTRAINT [PK_Refunds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Refunds_Payments_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [Payments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Refunds_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005657_Finance_Refunds'
)
BEGIN
    CREATE INDEX [IX_Refunds_PaymentId] ON [Refunds] ([PaymentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005657_Finance_Refunds'
)
BEGIN
    CREATE INDEX [IX_Refunds_RecipientId] ON [Refunds] ([RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005657_Finance_Refunds'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Refunds_RequestKey] ON [Refunds] ([RequestKey]) WHERE [RequestKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005657_Finance_Refunds'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Refunds_StripeRefundId] ON [Refunds] ([StripeRefundId]) WHERE [StripeRefundId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126005657_Finance_Refunds'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126005657_Finance_Refunds', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    ALTER TABLE [JournalEntries] ADD [ManualAuthor] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE TABLE [Discrepancies] (
        [Id] uniqueidentifier NOT NULL,
        [SourceId] nvarchar(255) NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Category] nvarchar(50) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [LedgerCurrency] nvarchar(3) NULL,
        [StripeAmount] bigint NULL,
        [LedgerAmount] bigint NULL,
        [StripeFee] bigint NULL,
        [LedgerFee] bigint NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [FirstRunId] uniqueidentifier NOT NULL,
        [LastRunId] uniqueidentifier NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Note] nvarchar(1000) NULL,
        [ResolvedBy] nvarchar(450) NULL,
        [ResolvedAt] datetimeoffset NULL,
        [AdjustmentEntryId] uniqueidentifier NULL,
        CONSTRAINT [PK_Discrepancies] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE TABLE [LedgerPeriodLocks] (
        [Month] date NOT NULL,
        [LockedBy] nvarchar(450) NOT NULL,
        [LockedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LedgerPeriodLocks] PRIMARY KEY ([Month])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE TABLE [ReconciliationRuns] (
        [Id] uniqueidentifier NOT NULL,
        [From] datetimeoffset NOT NULL,
        [To] datetimeoffset NOT NULL,
        [RequestedBy] nvarchar(450) NULL,
        [RequestedAt] datetimeoffset NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [StripeSource] nvarchar(10) NULL,
        [Progress] int NOT NULL,
        [Step] nvarchar(100) NULL,
        [StripeItems] bigint NOT NULL,
        [LedgerItems] bigint NOT NULL,
        [Matched] bigint NOT NULL,
        [Discrepancies] bigint NOT NULL,
        [FinishedAt] datetimeoffset NULL,
        [Failure] nvarchar(500) NULL,
        CONSTRAINT [PK_ReconciliationRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE TABLE [ReconciliationCategories] (
        [RunId] uniqueidentifier NOT NULL,
        [Category] nvarchar(50) NOT NULL,
        [StripeItems] bigint NOT NULL,
        [LedgerItems] bigint NOT NULL,
        [Matched] bigint NOT NULL,
        [Discrepancies] bigint NOT NULL,
        CONSTRAINT [PK_ReconciliationCategories] PRIMARY KEY ([RunId], [Category]),
        CONSTRAINT [FK_ReconciliationCategories_ReconciliationRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [ReconciliationRuns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_LastRunId] ON [Discrepancies] ([LastRunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Discrepancies_SourceId_Kind] ON [Discrepancies] ([SourceId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE INDEX [IX_Discrepancies_Status_OccurredAt] ON [Discrepancies] ([Status], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    CREATE INDEX [IX_ReconciliationRuns_RequestedAt] ON [ReconciliationRuns] ([RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126010012_Finance_Reconciliation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126010012_Finance_Reconciliation', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    DROP INDEX [IX_Payments_PaymentIntentId] ON [Payments];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    ALTER TABLE [Pledges] ADD [BasketCycles] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    ALTER TABLE [Pledges] ADD [InBasket] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    ALTER TABLE [Pledges] ADD [RatePerHour] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    ALTER TABLE [Payments] ADD [BasketId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE TABLE [Baskets] (
        [Id] uniqueidentifier NOT NULL,
        [ListenerId] nvarchar(450) NOT NULL,
        [Period] date NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [Amount] bigint NOT NULL,
        [Fee] bigint NOT NULL,
        [Attempts] int NOT NULL,
        [AttemptsBeforeRound] int NOT NULL,
        [NextAttemptAt] datetimeoffset NULL,
        [PaymentIntentId] nvarchar(255) NULL,
        [AttemptStartedAt] datetimeoffset NULL,
        [FailureReason] nvarchar(300) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [PaidAt] datetimeoffset NULL,
        [CarriedForward] bit NOT NULL,
        [NoticeSentAt] datetimeoffset NULL,
        CONSTRAINT [PK_Baskets] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Baskets_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE TABLE [ListenerCards] (
        [ListenerId] nvarchar(450) NOT NULL,
        [CustomerId] nvarchar(255) NOT NULL,
        [PaymentMethodId] nvarchar(255) NOT NULL,
        [SavedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ListenerCards] PRIMARY KEY ([ListenerId]),
        CONSTRAINT [FK_ListenerCards_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE TABLE [BasketLines] (
        [BasketId] uniqueidentifier NOT NULL,
        [PledgeId] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Amount] bigint NOT NULL,
        [Fee] bigint NOT NULL,
        CONSTRAINT [PK_BasketLines] PRIMARY KEY ([BasketId], [PledgeId]),
        CONSTRAINT [FK_BasketLines_Baskets_BasketId] FOREIGN KEY ([BasketId]) REFERENCES [Baskets] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_BasketLines_Pledges_PledgeId] FOREIGN KEY ([PledgeId]) REFERENCES [Pledges] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BasketLines_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE INDEX [IX_Payments_BasketId] ON [Payments] ([BasketId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payments_PaymentIntentId_PledgeId] ON [Payments] ([PaymentIntentId], [PledgeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE INDEX [IX_BasketLines_PledgeId] ON [BasketLines] ([PledgeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE INDEX [IX_BasketLines_RecipientId] ON [BasketLines] ([RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Baskets_ListenerId_Period_Currency] ON [Baskets] ([ListenerId], [Period], [Currency]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    CREATE INDEX [IX_Baskets_Status_NextAttemptAt] ON [Baskets] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    ALTER TABLE [Payments] ADD CONSTRAINT [FK_Payments_Baskets_BasketId] FOREIGN KEY ([BasketId]) REFERENCES [Baskets] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126022630_Basket'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126022630_Basket', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040454_I12Terms'
)
BEGIN
    CREATE TABLE [ListenerDetails] (
        [ListenerId] nvarchar(450) NOT NULL,
        [Name] nvarchar(100) NULL,
        [PostalAddress] nvarchar(300) NULL,
        [ChangedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ListenerDetails] PRIMARY KEY ([ListenerId]),
        CONSTRAINT [FK_ListenerDetails_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040454_I12Terms'
)
BEGIN
    CREATE TABLE [ListenerTerms] (
        [ListenerId] nvarchar(450) NOT NULL,
        [Display] nvarchar(20) NOT NULL,
        [Contact] nvarchar(20) NOT NULL,
        [NoSharing] bit NOT NULL,
        [NoGifts] bit NOT NULL,
        [NoAsksYear] int NULL,
        [ChangedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ListenerTerms] PRIMARY KEY ([ListenerId]),
        CONSTRAINT [FK_ListenerTerms_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040454_I12Terms'
)
BEGIN
    CREATE TABLE [TermsAgreements] (
        [Id] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [Terms] nvarchar(1000) NOT NULL,
        [AgreedAt] datetimeoffset NOT NULL,
        [Payload] nvarchar(4000) NOT NULL,
        [Signature] nvarchar(200) NOT NULL,
        [KeyId] nvarchar(16) NOT NULL,
        CONSTRAINT [PK_TermsAgreements] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TermsAgreements_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040454_I12Terms'
)
BEGIN
    CREATE INDEX [IX_TermsAgreements_RecipientId_AgreedAt] ON [TermsAgreements] ([RecipientId], [AgreedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040454_I12Terms'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126040454_I12Terms', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE TABLE [GiverProfiles] (
        [ListenerId] nvarchar(450) NOT NULL,
        [Handle] nvarchar(30) NOT NULL,
        [Published] bit NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_GiverProfiles] PRIMARY KEY ([ListenerId]),
        CONSTRAINT [FK_GiverProfiles_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE TABLE [GivingProofs] (
        [Id] uniqueidentifier NOT NULL,
        [ListenerId] nvarchar(450) NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [Year] int NOT NULL,
        [TokenHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        CONSTRAINT [PK_GivingProofs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_GivingProofs_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_GivingProofs_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE TABLE [SharedGifts] (
        [PaymentId] uniqueidentifier NOT NULL,
        [ListenerId] nvarchar(450) NOT NULL,
        [ShowAmount] bit NOT NULL,
        [SharedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SharedGifts] PRIMARY KEY ([PaymentId]),
        CONSTRAINT [FK_SharedGifts_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_SharedGifts_Payments_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [Payments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE UNIQUE INDEX [IX_GiverProfiles_Handle] ON [GiverProfiles] ([Handle]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE INDEX [IX_GivingProofs_ListenerId] ON [GivingProofs] ([ListenerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE INDEX [IX_GivingProofs_RecipientId] ON [GivingProofs] ([RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE UNIQUE INDEX [IX_GivingProofs_TokenHash] ON [GivingProofs] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    CREATE INDEX [IX_SharedGifts_ListenerId] ON [SharedGifts] ([ListenerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126040820_I12Public'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126040820_I12Public', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041020_I10Rest'
)
BEGIN
    CREATE TABLE [Disputes] (
        [Id] nvarchar(255) NOT NULL,
        [PaymentId] uniqueidentifier NOT NULL,
        [RecipientId] uniqueidentifier NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nchar(3) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [Outcome] nvarchar(16) NOT NULL,
        [Withdrawn] bigint NOT NULL,
        [Reinstated] bigint NOT NULL,
        [OpenedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [ClosedAt] datetimeoffset NULL,
        CONSTRAINT [PK_Disputes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Disputes_Payments_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [Payments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Disputes_Recipients_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [Recipients] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041020_I10Rest'
)
BEGIN
    CREATE INDEX [IX_Disputes_OpenedAt] ON [Disputes] ([OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041020_I10Rest'
)
BEGIN
    CREATE INDEX [IX_Disputes_Outcome_OpenedAt] ON [Disputes] ([Outcome], [OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041020_I10Rest'
)
BEGIN
    CREATE INDEX [IX_Disputes_PaymentId] ON [Disputes] ([PaymentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041020_I10Rest'
)
BEGIN
    CREATE INDEX [IX_Disputes_RecipientId] ON [Disputes] ([RecipientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041020_I10Rest'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126041020_I10Rest', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041219_I12Record'
)
BEGIN
    CREATE TABLE [StatementMailings] (
        [ListenerId] nvarchar(450) NOT NULL,
        [Year] int NOT NULL,
        [SentAt] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NOT NULL,
        [FailedAt] datetimeoffset NULL,
        [Reason] nvarchar(1000) NOT NULL,
        CONSTRAINT [PK_StatementMailings] PRIMARY KEY ([ListenerId], [Year]),
        CONSTRAINT [FK_StatementMailings_AspNetUsers_ListenerId] FOREIGN KEY ([ListenerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041219_I12Record'
)
BEGIN
    CREATE INDEX [IX_StatementMailings_Year_FailedAt] ON [StatementMailings] ([Year], [FailedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126041219_I12Record'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126041219_I12Record', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126044953_BasketsOutliveAccounts'
)
BEGIN
    ALTER TABLE [Baskets] DROP CONSTRAINT [FK_Baskets_AspNetUsers_ListenerId];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126044953_BasketsOutliveAccounts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126044953_BasketsOutliveAccounts', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126060238_I11Portal'
)
BEGIN
    ALTER TABLE [Pledges] ADD [CheckoutAttempts] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126060238_I11Portal'
)
BEGIN
    ALTER TABLE [Pledges] ADD [CheckoutOpenedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126060238_I11Portal'
)
BEGIN
    ALTER TABLE [Pledges] ADD [PausedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126060238_I11Portal'
)
BEGIN
    ALTER TABLE [Pledges] ADD [RemovedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126060238_I11Portal'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126060238_I11Portal', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126090046_PayoutsSweep'
)
BEGIN
    ALTER TABLE [PayoutSchedules] ADD [SetAsideAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126090046_PayoutsSweep'
)
BEGIN
    ALTER TABLE [PayoutSchedules] ADD [SetAsideReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126090046_PayoutsSweep'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126090046_PayoutsSweep', N'10.0.14');
END;

COMMIT;
GO

