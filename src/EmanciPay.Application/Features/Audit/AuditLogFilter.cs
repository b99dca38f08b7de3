using EmanciPay.Application.Behaviours;
using FluentValidation;

namespace EmanciPay.Application.Features.Audit;

/// <summary>Which audit records a reader wants: by whom (address, part of it, or user id), which action (its exact name, such as ApprovePayout), which days (UTC, both included).</summary>
public interface IAuditLogFilter
{
    string? Who { get; }

    string? Action { get; }

    DateOnly? Since { get; }

    DateOnly? Until { get; }
}

/// <summary>The checks and the query every filtered read of the audit log shares.</summary>
public static class AuditLogFilter
{
    public static IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> records, IAuditLogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Who is { Length: > 0 } who)
        {
            // Addresses are kept lower-case (AuditRecord.Of), so a part of one is found whatever its case.
            var lower = who.Trim().ToLowerInvariant();
            records = records.Where(r => r.UserId == who || (r.UserEmail != null && r.UserEmail.Contains(lower)));
        }

        if (filter.Action is { Length: > 0 } action)
        {
            var name = action.Trim();
            records = records.Where(r => r.Action == name);
        }

        if (filter.Since is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            records = records.Where(r => r.At >= start);
        }

        if (filter.Until is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            records = records.Where(r => r.At < end);
        }

        return records;
    }

    public abstract class Validator<T> : AbstractValidator<T>
        where T : IAuditLogFilter
    {
        protected Validator()
        {
            RuleFor(q => q.Who).MaximumLength(AuditRecord.MaxEmailLength);
            RuleFor(q => q.Action).MaximumLength(AuditRecord.MaxActionLength);
            RuleFor(q => q.Until).GreaterThanOrEqualTo(q => q.Since).When(q => q.Since is not null && q.Until is not null).WithMessage("The last day must not be before the first.");
        }
    }
}
