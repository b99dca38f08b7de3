using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;

namespace EmanciPay.Application.Features.Escrow;

/// <summary>
/// Which way a gift its station will not take goes, for the expiry sweep and a station's decline alike: to the station
/// the listener chose if that one has claimed its escrow, back to the listener otherwise (the default). A payment the
/// listener or finance has already had back, or that has already moved, is not due.
/// </summary>
internal static class UnclaimedDisposals
{
    /// <summary>Init-only, not positional: EF Core can filter on a member-initialised projection, not on a constructor's.</summary>
    public sealed record Due
    {
        public required Guid PaymentId { get; init; }

        public required Guid StationId { get; init; }

        public required DateTimeOffset PaidAt { get; init; }

        public required bool Moves { get; init; }
    }

    public static IQueryable<Due> Of(IAppDbContext db) =>
        from payment in db.Payments
        where payment.RefundedAt == null && payment.Disposal != ExpiryDisposal.Move
        join pledge in db.Pledges on payment.PledgeId equals pledge.Id
        select new Due
        {
            PaymentId = payment.Id,
            StationId = pledge.RecipientId,
            PaidAt = payment.PaidAt,
            Moves = payment.Disposal == ExpiryDisposal.None && db.Recipients.Any(to => to.Id == pledge.FallbackRecipientId && to.ClaimedAt != null),
        };

    public static void Enqueue(IBackgroundJobs jobs, Due due)
    {
        if (due.Moves)
        {
            jobs.EnqueueAfterCommit(new MoveExpiredGift.Command(due.PaymentId));
        }
        else
        {
            jobs.EnqueueAfterCommit(new RefundPayment.Command(due.PaymentId));
        }
    }
}
