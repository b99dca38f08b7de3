using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EmanciPay.Web.Areas.Finance.Pages;

/// <summary>What the finance pages' filter forms share: errors in words and links that keep the filter.</summary>
public static class FinanceForms
{
    private static readonly HashSet<string> DateFields = ["at", "from", "to"];

    public static string? ErrorOf(ModelStateDictionary state, string field) => state[field] is { Errors.Count: > 0 } entry
        ? string.Join(" ", entry.Errors.Select(e => DateFields.Contains(field) && e.ErrorMessage.StartsWith("The value", StringComparison.Ordinal) ? "Enter a date like 2026-01-31."
            : e.ErrorMessage.StartsWith("The value", StringComparison.Ordinal) ? "Enter a whole number." : e.ErrorMessage))
        : null;

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A query string of the non-empty values.</summary>
    public static string Query(IEnumerable<KeyValuePair<string, string?>> values) =>
        QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value))).ToUriComponent();
}
