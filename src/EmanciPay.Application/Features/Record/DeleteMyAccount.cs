using System.Security.Cryptography;
using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using EmanciPay.Domain.Pledges;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Record;

/// <summary>
/// Deletes the listener's account at their request, confirmed by typing the address they sign in with. Their personal
/// data is erased: the account, the listening log, the addresses and messages on their pledges (also where Stripe's
/// events quoted them) and the mail still to send them. Their pledges stop: a monthly one is cancelled, one awaiting
/// payment expires. The money stays in the books as it was: ledger entries are never changed, and the pledges and
/// payments they name keep their rows, pointing at a pseudonym instead of the person, so the books still balance,
/// reconcile and pass the integrity check.
/// </summary>
public static class DeleteMyAccount
{
    public const string PseudonymPrefix = "deleted-listener-";

    public const string DeletedNote = "The listener deleted their account: nothing more is mailed.";

    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, string? Confirmation) : ICommand<Result>;

    /// <param name="Pseudonym">What the books' pledges now name instead of the listener.</param>
    public sealed record Result(string Pseudonym);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Confirmation).NotEmpty().MaximumLength(256).WithMessage("Type the email address you sign in with to confirm.");
    }

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, IAccountErasure erasure, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = command.ListenerId;
            var email = (await accounts.EmailsAsync([id], cancellationToken)).GetValueOrDefault(id) ?? throw new NotFoundException("Account", id);
            if (!string.Equals(command.Confirmation?.Trim(), email, StringComparison.OrdinalIgnoreCase))
            {
                throw Refused("Type the email address you sign in with to confirm.");
            }

            if (await db.StationManagers.AnyAsync(m => m.UserId == id, cancellationToken))
            {
                throw Refused("You manage a station: invite another manager and leave it to them before deleting your account.");
            }

            var now = clock.GetUtcNow();
            var pseudonym = PseudonymPrefix + RandomNumberGenerator.GetHexString(16, lowercase: true);
            var pledges = await db.Pledges.Where(p => p.ListenerId == id).ToListAsync(cancellationToken);
            foreach (var pledge in pledges)
            {
                pledge.ExpireCheckout();
                if (pledge.Frequency == PledgeFrequency.Monthly && pledge.Status != PledgeStatus.Expired)
                {
                    pledge.Cancel(now);
                }
            }

            var pledgeIds = pledges.Select(p => p.Id).ToList();
            await StopMailAsync(pledgeIds, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            string[] addresses = [.. pledges.Select(p => p.Email).Append(email).SelectMany(a => new[] { a, a.ToLowerInvariant() }).Distinct(StringComparer.Ordinal)];
            await db.Pledges.Where(p => p.ListenerId == id).ExecuteUpdateAsync(
                s => s.SetProperty(p => p.ListenerId, (string?)null)
                    .SetProperty(p => p.Email, pseudonym)
                    .SetProperty(p => p.Message, (string?)null)
                    .SetProperty(p => p.CheckoutUrl, (string?)null)
                    .SetProperty(p => p.PaymentMethodId, (string?)null),
                cancellationToken);
            foreach (var address in addresses)
            {
                // Stripe's events quote the address the checkout was given; they are kept as an inbox, not as the books.
                await db.StripeEvents.Where(e => e.Payload.Contains(address))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, e => e.Payload.Replace(address, pseudonym)), cancellationToken);
            }

            await db.StationClaimNotices.Where(n => addresses.Contains(n.Email)).ExecuteDeleteAsync(cancellationToken);
            await db.ManagerInvitations.Where(i => addresses.Contains(i.Email)).ExecuteDeleteAsync(cancellationToken);
            await db.ListeningSessions.Where(s => s.ListenerId == id).ExecuteDeleteAsync(cancellationToken);

            // Baskets are the books' (their payments are): they keep their rows, named by the pseudonym.
            await db.Baskets.Where(b => b.ListenerId == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.ListenerId, pseudonym), cancellationToken);

            // The replies kept for retried requests are scoped by the account's id (a pledge's "pledges:<id>:<key>").
            await db.IdempotentRequests.Where(r => r.Key.Contains(id)).ExecuteDeleteAsync(cancellationToken);
            await erasure.EraseUserAsync(id, cancellationToken);
            return new Result(pseudonym);
        }

        /// <summary>
        /// Mail the payments still owe the listener (a receipt, a refund or moved notice, a deadline reminder) is set
        /// aside as refused, so no sweep sends it to the pseudonym; a reason already kept may quote the address.
        /// </summary>
        private async Task StopMailAsync(List<Guid> pledgeIds, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var payments = await db.Payments.AsNoTracking().Where(p => pledgeIds.Contains(p.PledgeId)).ToListAsync(cancellationToken);
            var paymentIds = payments.Select(p => p.Id).ToList();
            var deliveries = await db.MailDeliveries.Where(d => paymentIds.Contains(d.PaymentId)).ToDictionaryAsync(d => (d.PaymentId, d.Kind), cancellationToken);
            foreach (var payment in payments)
            {
                var owed = new[]
                {
                    (PaymentMailKind.Receipt, payment.ReceiptSentAt is null),
                    (PaymentMailKind.RefundNotice, payment.RefundNoticeSentAt is null),
                    (PaymentMailKind.GiftMovedNotice, payment.MovedNoticeSentAt is null),
                    (PaymentMailKind.DeadlineReminder, payment.Disposal == ExpiryDisposal.None && payment.RefundedAt is null),
                };
                foreach (var (kind, unsent) in owed)
                {
                    var delivery = deliveries.GetValueOrDefault((payment.Id, kind));
                    if (delivery is null && unsent)
                    {
                        delivery = db.MailDeliveries.Add(MailDelivery.For(payment.Id, kind)).Entity;
                    }

                    delivery?.Refused(DeletedNote, now);
                }
            }
        }

        private static ValidationException Refused(string message) => new([new ValidationFailure(nameof(Command.Confirmation), message)]);
    }
}
