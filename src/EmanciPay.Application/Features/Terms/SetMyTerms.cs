using EmanciPay.Application.Common;
using EmanciPay.Domain.Terms;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace EmanciPay.Application.Features.Terms;

/// <summary>
/// The listener chooses, or changes, their terms for every station at once. Nothing is copied to stations: their next
/// read applies the new terms.
/// </summary>
public static class SetMyTerms
{
    [AllowedFor(Sender.Listener)]
    public sealed record Command(string? Display, string? Contact, bool? NoSharing, bool? NoGifts, bool? NoAsksThisYear) : ICommand<GetMyTerms.MyTerms>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Display).NotEmpty().Must(d => TermChoices.Displays.Contains(d!)).When(c => c.Display is not null)
                .WithMessage($"'Display' must be one of: {string.Join(", ", TermChoices.Displays)}.");
            RuleFor(c => c.Display).NotNull();
            RuleFor(c => c.Contact).NotEmpty().Must(d => TermChoices.Contacts.Contains(d!)).When(c => c.Contact is not null)
                .WithMessage($"'Contact' must be one of: {string.Join(", ", TermChoices.Contacts)}.");
            RuleFor(c => c.Contact).NotNull();
        }
    }

    public sealed class Handler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, GetMyTerms.MyTerms>
    {
        public async ValueTask<GetMyTerms.MyTerms> Handle(Command command, CancellationToken cancellationToken)
        {
            var listener = user.UserId!;
            var now = clock.GetUtcNow();
            var terms = await db.ListenerTerms.SingleOrDefaultAsync(t => t.ListenerId == listener, cancellationToken);
            if (terms is null)
            {
                terms = ListenerTerms.Choose(listener);
                db.ListenerTerms.Add(terms);
            }

            terms.Set(TermChoices.Display(command.Display!), TermChoices.Contact(command.Contact!), command.NoSharing ?? true, command.NoGifts ?? false, command.NoAsksThisYear ?? false, now);
            return GetMyTerms.ViewOf(terms, now);
        }
    }
}
