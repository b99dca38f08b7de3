namespace EmanciPay.Application.Common;

/// <summary>The named thing does not exist; becomes 404 problem+json.</summary>
public sealed class NotFoundException(string resource, string key) : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;

    public string Key { get; } = key;
}
