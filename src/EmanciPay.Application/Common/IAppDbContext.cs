using EmanciPay.Domain.Baskets;
using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Listening;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Payouts;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Recipients;
using EmanciPay.Domain.Reconciliation;
using EmanciPay.Domain.Terms;
using EmanciPay.Domain.Sharing;
using EmanciPay.Domain.Record;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Common;

/// <summary>
/// The tables handlers query and change, and SaveChanges. Implemented by Infrastructure's AppDbContext; transactions
/// are the unit of work's (<see cref="IUnitOfWork"/>).
/// </summary>
public interface IAppDbContext
{
    DbSet<Recipient> Recipients { get; }

    DbSet<StationManagerAssignment> StationManagers { get; }

    DbSet<ConnectedAccount> ConnectedAccounts { get; }

    DbSet<ManagerInvitation> ManagerInvitations { get; }

    DbSet<StationClaim> StationClaims { get; }

    DbSet<StationClaimNotice> StationClaimNotices { get; }

    DbSet<Payout> Payouts { get; }

    DbSet<PayoutSchedule> PayoutSchedules { get; }

    DbSet<Pledge> Pledges { get; }

    DbSet<Payment> Payments { get; }

    DbSet<Refund> Refunds { get; }

    DbSet<Dispute> Disputes { get; }

    DbSet<MailDelivery> MailDeliveries { get; }

    DbSet<StripeEvent> StripeEvents { get; }

    DbSet<IdempotentRequest> IdempotentRequests { get; }

    DbSet<ListeningSession> ListeningSessions { get; }

    DbSet<Basket> Baskets { get; }

    DbSet<BasketLine> BasketLines { get; }

    DbSet<ListenerCard> ListenerCards { get; }

    DbSet<ListenerTerms> ListenerTerms { get; }

    DbSet<ListenerDetails> ListenerDetails { get; }

    DbSet<TermsAgreement> TermsAgreements { get; }

    DbSet<StatementMailing> StatementMailings { get; }

    DbSet<LedgerAccount> LedgerAccounts { get; }

    DbSet<AccountBalanceSlot> LedgerBalances { get; }

    DbSet<JournalEntry> JournalEntries { get; }

    DbSet<LedgerTransfer> LedgerTransfers { get; }

    DbSet<LedgerSeal> LedgerSeals { get; }

    DbSet<AuditRecord> AuditRecords { get; }

    DbSet<LedgerPeriodLock> LedgerPeriodLocks { get; }

    DbSet<ReconciliationRun> ReconciliationRuns { get; }

    DbSet<ReconciliationCategory> ReconciliationCategories { get; }

    DbSet<Discrepancy> Discrepancies { get; }

    DbSet<GivingProof> GivingProofs { get; }

    DbSet<GiverProfile> GiverProfiles { get; }

    DbSet<SharedGift> SharedGifts { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
