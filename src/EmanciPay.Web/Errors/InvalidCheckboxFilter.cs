using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EmanciPay.Web.Errors;

/// <summary>
/// A checkbox posted with a value that is not a boolean ("Form.Anonymous=x") keeps its binding error, but its attempted
/// value is reset to false: the checkbox tag helper would otherwise throw a FormatException while redrawing the form.
/// </summary>
internal sealed class InvalidCheckboxFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var modelState = context.ModelState;
        var invalidBooleans = modelState
            .Where(entry => entry.Value?.ValidationState == ModelValidationState.Invalid
                && entry.Value.AttemptedValue is { } attempted && !bool.TryParse(attempted, out _)
                && IsBoolean(context.HandlerInstance.GetType(), entry.Key))
            .Select(entry => entry.Key)
            .ToList();
        foreach (var key in invalidBooleans)
        {
            modelState.SetModelValue(key, rawValue: false, attemptedValue: "false");
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    // "Form.Anonymous" names the page's Form property, then its Anonymous property.
    private static bool IsBoolean(Type page, string key)
    {
        var type = page;
        foreach (var name in key.Split('.'))
        {
            if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not { } property)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return type == typeof(bool) || type == typeof(bool?);
    }
}
