using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Stations;

/// <summary>
/// A signed-in user proposes a station missing from the directory. It stays unlisted (no page, no search, no pledges)
/// until an admin accepts it; its proposer can see it and claim it meanwhile.
/// </summary>
public static class ProposeStation
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string? CallSign, string? Name, string? Frequency, string? City, string? State, string? Website) : ICommand<Result>;

    public sealed record Result(string Slug);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CallSign).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9-]+$").WithMessage("'Call Sign' may contain letters, digits and hyphens only, like WFMU or KEXP-FM.");
            RuleFor(c => c.Name).NotEmpty().MaximumLength(Recipient.MaxNameLength).WithoutControlCharacters();
            RuleFor(c => c.Frequency).MaximumLength(20).WithoutControlCharacters();
            RuleFor(c => c.City).NotEmpty().MaximumLength(100).WithoutControlCharacters();
            RuleFor(c => c.State).NotEmpty().MaximumLength(50).WithoutControlCharacters();
            RuleFor(c => c.Website).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(300).WithoutControlCharacters()
                .Must(w => Uri.TryCreate(w, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.HostNameType == UriHostNameType.Dns)
                .WithMessage("'Website' must be the station's address, like https://wfmu.org: claims are checked against its domain.");
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var slug = Recipient.SlugFor(command.CallSign!);
            if (await db.Recipients.AnyAsync(r => r.Slug == slug, cancellationToken))
            {
                throw Claims.ClaimStatus.Refusal("callSign", $"A station with the call sign {command.CallSign!.Trim().ToUpperInvariant()} is already in the directory (or already proposed).");
            }

            var station = Recipient.ProposeStation(command.CallSign!, command.Name!, command.Frequency ?? "", command.City!, command.State!, command.Website, user.UserId!, clock.GetUtcNow());
            db.Recipients.Add(station);
            return new Result(station.Slug);
        }
    }
}
