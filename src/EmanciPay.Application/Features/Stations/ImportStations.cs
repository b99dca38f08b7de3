using EmanciPay.Application.Common;
using EmanciPay.Domain.Recipients;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Stations;

/// <summary>Adds stations to the directory, unclaimed. Stations already listed (by call sign) are left as they are, so importing twice adds nothing.</summary>
public static class ImportStations
{
    public sealed record Station(string CallSign, string Name, string Frequency, string City, string State, string? Website);

    [AllowedFor(Sender.Admin, Sender.System)]
    public sealed record Command(IReadOnlyList<Station> Stations) : ICommand<Result>;

    public sealed record Result(int Added, int AlreadyListed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Stations).NotEmpty();
            RuleForEach(c => c.Stations).ChildRules(station =>
            {
                station.RuleFor(s => s.CallSign).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9-]+$");
                station.RuleFor(s => s.Name).NotEmpty().MaximumLength(Recipient.MaxNameLength);
                station.RuleFor(s => s.Frequency).MaximumLength(20);
                station.RuleFor(s => s.City).NotEmpty().MaximumLength(100);
                station.RuleFor(s => s.State).NotEmpty().MaximumLength(50);
                station.RuleFor(s => s.Website).MaximumLength(300)
                    .Must(w => w is null || (Uri.TryCreate(w, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                    .WithMessage("'Website' must be an absolute http or https address.");
            });
            RuleFor(c => c.Stations)
                .Must(s => s.Select(x => Recipient.SlugFor(x.CallSign)).Distinct().Count() == s.Count)
                .WithMessage("Each call sign may appear only once.");
        }
    }

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var slugs = command.Stations.Select(s => Recipient.SlugFor(s.CallSign)).ToList();
            var listed = (await db.Recipients.Where(r => slugs.Contains(r.Slug)).Select(r => r.Slug).ToListAsync(cancellationToken)).ToHashSet();
            var now = clock.GetUtcNow();
            var added = command.Stations
                .Where(s => !listed.Contains(Recipient.SlugFor(s.CallSign)))
                .Select(s => Recipient.CreateStation(s.CallSign, s.Name, s.Frequency, s.City, s.State, s.Website, now))
                .ToList();
            db.Recipients.AddRange(added);
            return new Result(added.Count, listed.Count);
        }
    }
}
