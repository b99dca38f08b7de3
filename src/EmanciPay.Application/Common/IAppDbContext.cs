using EmanciPay.Application.Payments;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using EmanciPay.Domain.Recipients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EmanciPay.Application.Common;

/// <summary>The tables handlers query and change. Implemented by Infrastructure's AppDbContext.</summary>
public interface IAppDbContext
{
    DbSet<Recipient> Recipients { get; }

    DbSet<Pledge> Pledges { get; }

    DbSet<Payment> Payments { get; }

    DbSet<StripeEvent> StripeEvents { get; }

    DbSet<IdempotentRequest> IdempotentRequests { get; }

    DbSet<LedgerAccount> LedgerAccounts { get; }

    DbSet<AccountBalanceSlot> LedgerBalances { get; }

    DbSet<JournalEntry> JournalEntries { get; }

    DbSet<LedgerTransfer> LedgerTransfers { get; }

    DatabaseFacade Database { get; }

    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
