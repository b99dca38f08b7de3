using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EmanciPay.Web.Pages;

/// <summary>A command's refusal shown on the form: each error on the field it names (in the form's <c>Input</c>), or on the form as a whole.</summary>
public static class FormErrors
{
    public static void Add(ModelStateDictionary modelState, ValidationException refusal, params string[] fields)
    {
        foreach (var error in refusal.Errors)
        {
            var field = fields.FirstOrDefault(f => string.Equals(f, error.PropertyName, StringComparison.OrdinalIgnoreCase));
            modelState.AddModelError(field is null ? string.Empty : $"Input.{field}", error.ErrorMessage);
        }
    }

    /// <summary>"true" on a field to correct (by its full key, "Input.Email"), for aria-invalid; null (no attribute) otherwise.</summary>
    public static string? Invalid(ModelStateDictionary modelState, string key) => modelState[key] is { Errors.Count: > 0 } ? "true" : null;

    /// <summary>What to correct in a field (by its full key), to show under it; null when there is nothing.</summary>
    public static string? Of(ModelStateDictionary modelState, string key) =>
        modelState[key] is { Errors.Count: > 0 } entry ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>
    /// A field's aria-describedby: its hint, then the id of the message under it when it has one, so a screen reader
    /// reads what to correct on reaching the field; null (no attribute) when there is neither.
    /// </summary>
    public static string? DescribedBy(ModelStateDictionary modelState, string key, string errorId, string? hint = null) =>
        Of(modelState, key) is null ? hint : hint is null ? errorId : $"{hint} {errorId}";
}
