using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Pledges;

/// <summary>
/// A listener confirmed an email address: the pledges a guest made with that address become the listener's, and show
/// in My giving. Sent once the address is proven, never on registration alone, so nobody claims another's gifts.
/// </summary>
public static class LinkGuestPledges
{
    [AllowedFor(Sender.System)]
    public sealed record Command(string ListenerId, string Email) : ICommand<int>;

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            // Addresses are compared as Identity compares them: case does not make another mailbox. ToUpper() is the
            // form every provider translates to SQL UPPER; the culture rules do not apply to a query run by the database.
            var email = command.Email.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862
            var pledges = await db.Pledges.Where(p => p.ListenerId == null && p.Email.ToUpper() == email).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
            foreach (var pledge in pledges)
            {
                pledge.LinkToListener(command.ListenerId);
            }

            return pledges.Count;
        }
    }
}
