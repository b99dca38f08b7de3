using EmanciPay.Application.Common;
using EmanciPay.Application.Ledger;
using EmanciPay.Domain.Ledger;
using EmanciPay.Domain.Monetary;
using EmanciPay.Domain.Reconciliation;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Reconciliation;

/// <summary>
/// Finance settles a discrepancy with an adjusting entry through suspense, posted now (in the open period), entered by
/// hand with its author and the note: the ledger's gross and fee for the Stripe object become Stripe's. The entry's cause
/// is the Stripe object, so later runs count it on the ledger's side; its key holds the discrepancy, so it posts once.
/// </summary>
public static class AdjustDiscrepancy
{
    [AllowedFor(Sender.Finance)]
    public sealed record Command(Guid DiscrepancyId, string? Note) : ICommand<DiscrepancyView>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).NotEmpty().WithMessage("Say why the books are adjusted.")
            .MaximumLength(Discrepancy.MaxNoteLength).WithoutControlCharacters(allowLineBreaks: true);
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, LedgerBook ledger, TimeProvider clock) : ICommandHandler<Command, DiscrepancyView>
    {
        public async ValueTask<DiscrepancyView> Handle(Command command, CancellationToken cancellationToken)
        {
            var discrepancy = await Discrepancies.OpenAsync(db, command.DiscrepancyId, cancellationToken);
            var transfers = new List<TransferRequest>();
            if (discrepancy.LedgerCurrency is { } ledgerCurrency && ledgerCurrency != discrepancy.Currency)
            {
                // The ledger booked it in another currency: take that out, and book Stripe's in its own.
                transfers.AddRange(await MoveAsync(ledgerCurrency, -(discrepancy.LedgerAmount ?? 0), -(discrepancy.LedgerFee ?? 0), cancellationToken));
                transfers.AddRange(await MoveAsync(discrepancy.Currency, discrepancy.StripeAmount ?? 0, discrepancy.StripeFee ?? 0, cancellationToken));
            }
            else
            {
                var (amount, fee) = discrepancy.Difference();
                transfers.AddRange(await MoveAsync(discrepancy.Currency, amount, fee, cancellationToken));
            }

            if (transfers.Count == 0)
            {
                throw new ValidationException([new ValidationFailure("DiscrepancyId", "Nothing differs in amount or fee; mark it explained instead.")]);
            }

            var note = command.Note!.Trim();
            var cause = new EntryCause(EntryCauseType.Adjustment, discrepancy.SourceId, discrepancy.Id.ToString("N"));
            var posted = (await ledger.PostManyAsync([new EntryRequest(cause, Truncate($"Reconciliation: {note}"), transfers, user.UserId!)], cancellationToken))[0];
            discrepancy.Adjusted(posted.Entry.Id, note, user.UserId!, clock.GetUtcNow());
            return ReconciliationViews.View(discrepancy);
        }

        // Gross moves between Stripe's balance and suspense; the fee between Stripe's balance and processing fees.
        private async Task<IEnumerable<TransferRequest>> MoveAsync(string currencyCode, long amount, long fee, CancellationToken cancellationToken)
        {
            var currency = Currency.Parse(currencyCode.ToUpperInvariant());
            var stripe = (await ledger.PlatformAccountAsync(PlatformAccount.StripeBalance, currency, cancellationToken)).Id;
            var suspense = (await ledger.PlatformAccountAsync(PlatformAccount.Suspense, currency, cancellationToken)).Id;
            var fees = (await ledger.PlatformAccountAsync(PlatformAccount.ProcessingFees, currency, cancellationToken)).Id;
            var moves = new List<TransferRequest>(2);
            if (amount != 0)
            {
                moves.Add(amount > 0 ? new TransferRequest.Post(stripe, suspense, new Money(amount, currency)) : new TransferRequest.Post(suspense, stripe, new Money(-amount, currency)));
            }

            if (fee != 0)
            {
                moves.Add(fee > 0 ? new TransferRequest.Post(fees, stripe, new Money(fee, currency)) : new TransferRequest.Post(stripe, fees, new Money(-fee, currency)));
            }

            return moves;
        }

        private static string Truncate(string text) => text.Length > JournalEntry.MaxDescriptionLength ? text[..JournalEntry.MaxDescriptionLength] : text;
    }
}

internal static class Discrepancies
{
    public static async Task<Discrepancy> OpenAsync(IAppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var discrepancy = await db.Discrepancies.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Discrepancy", id.ToString());
        if (discrepancy.Status != DiscrepancyStatus.Open)
        {
            throw new ValidationException([new ValidationFailure("DiscrepancyId", $"This discrepancy is {ReconciliationViews.Name(discrepancy.Status)}; only an open one can be resolved.")]);
        }

        return discrepancy;
    }
}
