using System.Security.Cryptography;
using EmanciPay.Application.Payments;
using Microsoft.AspNetCore.DataProtection;

namespace EmanciPay.Infrastructure.Payments;

/// <summary>Data Protection (keys shared in the database by every node) seals the pledge id; only we can make a token that opens.</summary>
internal sealed class PledgeCancelTokens(IDataProtectionProvider protection) : IPledgeCancelTokens
{
    private readonly IDataProtector protector = protection.CreateProtector("EmanciPay.PledgeCancelLink.v1");

    public string Issue(Guid pledgeId) => protector.Protect(pledgeId.ToString("N"));

    public bool Verify(Guid pledgeId, string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            return protector.Unprotect(token) == pledgeId.ToString("N");
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
