using EmanciPay.Application.Common;
using EmanciPay.Domain.Sharing;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Sharing;

/// <summary>
/// The listener chooses a handle and publishes their page of giving, or takes it down: unpublished, /givers/{handle} and
/// its feed are 404 from the next request on. The handle is kept, so nobody else can take it meanwhile.
/// </summary>
public static class SetSharing
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string ListenerId, string? Handle, bool Published) : ICommand<Result>;

    public sealed record Result(string Handle, bool Published);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Handle).NotEmpty().Must(GiverProfile.IsHandle)
            .WithMessage("A handle is 3 to 30 lower-case letters, digits and hyphens, starting and ending with a letter or digit.");
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var handle = command.Handle!;
            if (await db.GiverProfiles.AnyAsync(p => p.Handle == handle && p.ListenerId != command.ListenerId, cancellationToken))
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Handle), $"The handle '{handle}' is taken: choose another.")]);
            }

            var now = clock.GetUtcNow();
            var profile = await db.GiverProfiles.SingleOrDefaultAsync(p => p.ListenerId == command.ListenerId, cancellationToken);
            if (profile is null)
            {
                profile = GiverProfile.Create(command.ListenerId, handle, now);
                db.GiverProfiles.Add(profile);
            }

            profile.Set(handle, command.Published, now);
            return new Result(profile.Handle, profile.Published);
        }
    }
}
