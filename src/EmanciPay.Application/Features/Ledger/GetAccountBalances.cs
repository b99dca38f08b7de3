using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Ledger;

/// <summary>Every ledger account with its balance (the sum of its counter rows): the trial balance's raw material.</summary>
public static class GetAccountBalances
{
    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid AccountId, string Code, string Currency, AccountType Type, AccountBalance Balance);

    public sealed class Handler(IAppDbContext db, LedgerBook ledger) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var accounts = await db.LedgerAccounts.AsNoTracking().ToListAsync(cancellationToken);
            var balances = await ledger.AllBalancesAsync(cancellationToken);
            return accounts
                .OrderBy(a => a.Code, StringComparer.Ordinal).ThenBy(a => a.Currency.Code, StringComparer.Ordinal)
                .Select(a => new Row(a.Id, a.Code, a.Currency.Code, a.Type, balances.GetValueOrDefault(a.Id)))
                .ToList();
        }
    }
}
