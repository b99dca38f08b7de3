using EmanciPay.Application.Common;
using EmanciPay.Domain.Payments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>For staff: the payment mails refused for good (a bad address, a 5xx from the mail server), newest first, with the reason given.</summary>
public static class ListFailedMail
{
    public const int MaxRows = 200;

    [AllowedFor(Sender.Finance, Sender.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<FailedMail>>;

    public sealed record FailedMail(Guid PaymentId, Guid PledgeId, PaymentMailKind Kind, string To, int Attempts, DateTimeOffset FailedAt, string Reason);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<FailedMail>>
    {
        public async ValueTask<IReadOnlyList<FailedMail>> Handle(Query query, CancellationToken cancellationToken) =>
            await (from delivery in db.MailDeliveries.AsNoTracking()
                   where delivery.FailedAt != null
                   join payment in db.Payments on delivery.PaymentId equals payment.Id
                   join pledge in db.Pledges on payment.PledgeId equals pledge.Id
                   orderby delivery.FailedAt descending, delivery.PaymentId
                   select new FailedMail(payment.Id, pledge.Id, delivery.Kind, pledge.Email, delivery.Attempts, delivery.FailedAt!.Value, delivery.Reason))
                .Take(MaxRows).ToListAsync(cancellationToken);
    }
}
