using EmanciPay.Domain.Baskets;
using System.Text.Json;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Listening;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Payouts;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Recipients;
using EmanciPay.Domain.Reconciliation;
using EmanciPay.Domain.Terms;
using EmanciPay.Domain.Sharing;
using EmanciPay.Domain.Record;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Jobs;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EmanciPay.Infrastructure.Persistence;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser>(options), IAppDbContext, IDataProtectionKeyContext
{
    public DbSet<Recipient> Recipients => Set<Recipient>();

    public DbSet<StationManagerAssignment> StationManagers => Set<StationManagerAssignment>();

    public DbSet<ConnectedAccount> ConnectedAccounts => Set<ConnectedAccount>();

    public DbSet<ManagerInvitation> ManagerInvitations => Set<ManagerInvitation>();

    public DbSet<StationClaim> StationClaims => Set<StationClaim>();

    public DbSet<StationClaimNotice> StationClaimNotices => Set<StationClaimNotice>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<PayoutSchedule> PayoutSchedules => Set<PayoutSchedule>();

    public DbSet<Pledge> Pledges => Set<Pledge>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<Dispute> Disputes => Set<Dispute>();

    public DbSet<MailDelivery> MailDeliveries => Set<MailDelivery>();

    public DbSet<StripeEvent> StripeEvents => Set<StripeEvent>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public DbSet<ListeningSession> ListeningSessions => Set<ListeningSession>();

    public DbSet<Basket> Baskets => Set<Basket>();

    public DbSet<BasketLine> BasketLines => Set<BasketLine>();

    public DbSet<ListenerCard> ListenerCards => Set<ListenerCard>();

    public DbSet<ListenerTerms> ListenerTerms => Set<ListenerTerms>();

    public DbSet<ListenerDetails> ListenerDetails => Set<ListenerDetails>();

    public DbSet<TermsAgreement> TermsAgreements => Set<TermsAgreement>();

    public DbSet<StatementMailing> StatementMailings => Set<StatementMailing>();

    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();

    public DbSet<AccountBalanceSlot> LedgerBalances => Set<AccountBalanceSlot>();

    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    public DbSet<LedgerTransfer> LedgerTransfers => Set<LedgerTransfer>();

    public DbSet<LedgerSeal> LedgerSeals => Set<LedgerSeal>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<LedgerPeriodLock> LedgerPeriodLocks => Set<LedgerPeriodLock>();

    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();

    public DbSet<ReconciliationCategory> ReconciliationCategories => Set<ReconciliationCategory>();

    public DbSet<Discrepancy> Discrepancies => Set<Discrepancy>();

    public DbSet<GivingProof> GivingProofs => Set<GivingProof>();

    public DbSet<GiverProfile> GiverProfiles => Set<GiverProfile>();

    public DbSet<SharedGift> SharedGifts => Set<SharedGift>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>().HaveMaxLength(3).AreFixedLength();

        // SQLite has no date-time-with-offset type and cannot order or compare DateTimeOffset text; store UTC ticks.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    private sealed class CurrencyConverter() : ValueConverter<Currency, string>(c => c.Code, code => Currency.Parse(code));
}
