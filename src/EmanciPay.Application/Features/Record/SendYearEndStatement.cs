using EmanciPay.Application.Behaviours;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Domain.Record;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EmanciPay.Application.Features.Record;

/// <summary>
/// Mails one listener their giving statement for a year: the totals, and a link to the statement and its PDF (behind
/// their sign-in, since a mail is no place for a record of someone's giving). Once per listener and year: a job run
/// twice sends once (unless it dies between sending and committing: mail is at least once). A refusal is kept with its
/// reason and never tried again; any other failure is tried again by a later sweep; neither holds up anyone else's.
/// </summary>
public static partial class SendYearEndStatement
{
    [AllowedFor(Sender.System)]
    public sealed record Command(string ListenerId, int Year) : ICommand, ICallsOut;

    /// <param name="Totals">Per currency: given (less refunds) and the card fees, in minor units.</param>
    public sealed record YearEndStatementMail(string To, int Year, IReadOnlyList<GetGivingStatement.Total> Totals, int Gifts, Uri Statement, Uri Pdf) : MailMessage(To);

    public sealed class Handler(IAppDbContext db, IUserAccounts accounts, IMailer mailer, IAppUrls urls, TimeProvider clock, ILogger<Handler> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var mailing = await db.StatementMailings.SingleOrDefaultAsync(m => m.ListenerId == command.ListenerId && m.Year == command.Year, cancellationToken);
            if (mailing is not null && !mailing.IsDue(now))
            {
                return Unit.Value;
            }

            var email = await accounts.ConfirmedEmailAsync(command.ListenerId, cancellationToken);
            var statement = await GetGivingStatement.ReadAsync(db, command.ListenerId, command.Year, cancellationToken);
            if (email is null || statement.Lines.Count == 0)
            {
                // A deleted account, one never confirmed, or gifts all moved to another year: nothing to mail.
                return Unit.Value;
            }

            mailing ??= db.StatementMailings.Add(StatementMailing.For(command.ListenerId, command.Year, now)).Entity;
            var page = new Uri(urls.MyGiving(), $"/me/statements/{command.Year}");
            var pdf = new Uri(urls.MyGiving(), $"/me/statements/{command.Year}/pdf");
            try
            {
                await mailer.SendAsync(new YearEndStatementMail(email, command.Year, statement.Totals, statement.Lines.Count, page, pdf), cancellationToken);
                mailing.Sent(now);
            }
            catch (MailRefusedException refused)
            {
                LogRefused(logger, command.Year, command.ListenerId);
                mailing.Refused(refused.Message, now);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailedForNow(logger, command.Year, command.ListenerId, exception.GetType().Name);
                mailing.FailedForNow($"{exception.GetType().Name}: {exception.Message}", now);
            }

            return Unit.Value;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Year} statement mail for listener {ListenerId} was refused for good; it is not tried again")]
    private static partial void LogRefused(ILogger logger, int year, string listenerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Year} statement mail for listener {ListenerId} could not be sent ({ExceptionType}); a later sweep tries again")]
    private static partial void LogFailedForNow(ILogger logger, int year, string listenerId, string exceptionType);
}
