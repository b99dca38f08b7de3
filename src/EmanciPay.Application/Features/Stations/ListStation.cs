using EmanciPay.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Stations;

/// <summary>An admin accepts a proposed station: it appears in the directory and takes pledges. Listing twice changes nothing.</summary>
public static class ListStation
{
    [AllowedFor(Sender.Admin)]
    public sealed record Command(string Slug) : ICommand;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var slug = command.Slug.ToLowerInvariant();
            var station = await db.Recipients.SingleOrDefaultAsync(r => r.Slug == slug, cancellationToken) ?? throw new NotFoundException("Station", command.Slug);
            station.List(clock.GetUtcNow());
            return Unit.Value;
        }
    }
}
