using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Ledger;

/// <summary>
/// Posts a journal entry between named accounts: "stripe:balance", "fees:processing", "fees:platform", "suspense",
/// or "escrow:&lt;station slug&gt;". Used by finance corrections and by tests; payments post through their own features.
/// </summary>
public static class PostJournalEntry
{
    public sealed record Line(TransferKind Kind, string? DebitAccount, string? CreditAccount, long? Amount, string? Currency, Guid? ReservationId);

    [AllowedFor(Sender.Finance)]
    public sealed record Command(string IdempotencyKey, string Description, IReadOnlyList<Line> Lines) : ICommand<Result>;

    public sealed record Result(Guid EntryId, bool AlreadyPosted, IReadOnlyList<Guid> TransferIds);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.IdempotencyKey).NotEmpty().MaximumLength(JournalEntry.MaxIdempotencyKeyLength);
            RuleFor(c => c.Description).NotEmpty().MaximumLength(JournalEntry.MaxDescriptionLength);
            RuleFor(c => c.Lines).NotEmpty();
            RuleForEach(c => c.Lines).ChildRules(line =>
            {
                line.RuleFor(l => l.Kind).IsInEnum();
                line.When(l => l.Kind is TransferKind.Posted or TransferKind.Pending, () =>
                {
                    line.RuleFor(l => l.DebitAccount).NotEmpty();
                    line.RuleFor(l => l.CreditAccount).NotEmpty();
                    line.RuleFor(l => l.Amount).NotNull().GreaterThan(0);
                    line.RuleFor(l => l.Currency).NotEmpty().Must(c => Currency.TryParse(c, out _)).WithMessage("'Currency' must be a three-letter ISO 4217 code.");
                });
                line.When(l => l.Kind is not TransferKind.Posted, () => line.RuleFor(l => l.ReservationId).NotEmpty());
                line.When(l => l.Kind is TransferKind.PostPending && l.Amount is not null, () => line.RuleFor(l => l.Amount).GreaterThan(0));
            });
        }
    }

    public sealed class Handler(IAppDbContext db, LedgerBook ledger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var transfers = new List<TransferRequest>();
            foreach (var line in command.Lines)
            {
                transfers.Add(line.Kind switch
                {
                    TransferKind.Posted => new TransferRequest.Post(
                        await AccountIdAsync(line.DebitAccount!, line.Currency!, cancellationToken),
                        await AccountIdAsync(line.CreditAccount!, line.Currency!, cancellationToken),
                        new Money(line.Amount!.Value, Currency.Parse(line.Currency!))),
                    TransferKind.Pending => new TransferRequest.Reserve(
                        line.ReservationId!.Value,
                        await AccountIdAsync(line.DebitAccount!, line.Currency!, cancellationToken),
                        await AccountIdAsync(line.CreditAccount!, line.Currency!, cancellationToken),
                        new Money(line.Amount!.Value, Currency.Parse(line.Currency!))),
                    TransferKind.PostPending => new TransferRequest.PostReserved(line.ReservationId!.Value, line.Amount),
                    _ => new TransferRequest.VoidReserved(line.ReservationId!.Value),
                });
            }

            var posted = await ledger.PostAsync(command.IdempotencyKey, command.Description, transfers, cancellationToken);
            return new Result(posted.Entry.Id, posted.AlreadyPosted, posted.Entry.Transfers.OrderBy(t => t.Sequence).Select(t => t.Id).ToList());
        }

        private async Task<Guid> AccountIdAsync(string code, string currencyCode, CancellationToken cancellationToken)
        {
            var currency = Currency.Parse(currencyCode);
            if (LedgerAccount.TryParsePlatformCode(code, out var platform))
            {
                return (await ledger.PlatformAccountAsync(platform, currency, cancellationToken)).Id;
            }

            const string escrowPrefix = "escrow:";
            if (code.StartsWith(escrowPrefix, StringComparison.Ordinal))
            {
                var slug = code[escrowPrefix.Length..];
                var recipientId = await db.Recipients.Where(r => r.Slug == slug).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new LedgerException(LedgerErrorCode.UnknownAccount, $"No station '{slug}' for account '{code}'.");
                return (await ledger.EscrowAccountAsync(recipientId, currency, cancellationToken)).Id;
            }

            throw new LedgerException(LedgerErrorCode.UnknownAccount, $"Unknown account '{code}'.");
        }
    }
}
