using EmanciPay.Application.Common;
using EmanciPay.Domain.Terms;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Profile;

/// <summary>
/// The listener sets their name and postal address once for every station. Stations hold no copies: each reads the
/// current value, as the listener's terms allow, on its next read. (The email is the account's: changing it needs the
/// new address confirmed.)
/// </summary>
public static class SetMyDetails
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string? Name, string? PostalAddress) : ICommand<Result>;

    public sealed record Result(string? Name, string? PostalAddress, DateTimeOffset? ChangedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).MaximumLength(ListenerDetails.MaxNameLength).WithoutControlCharacters();
            RuleFor(c => c.PostalAddress).MaximumLength(ListenerDetails.MaxPostalAddressLength).WithoutControlCharacters(allowLineBreaks: true);
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var listener = user.UserId!;
            var details = await db.ListenerDetails.SingleOrDefaultAsync(d => d.ListenerId == listener, cancellationToken);
            if (details is null)
            {
                details = ListenerDetails.For(listener);
                db.ListenerDetails.Add(details);
            }

            details.Set(command.Name, command.PostalAddress, clock.GetUtcNow());
            return new Result(details.Name, details.PostalAddress, details.ChangedAt);
        }
    }
}
