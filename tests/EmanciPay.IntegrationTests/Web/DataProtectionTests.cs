using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>The Data Protection keys kept in the shared database are encrypted when a certificate is configured.</summary>
public sealed class DataProtectionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Stored_keys_are_encrypted_with_the_configured_certificate_and_plain_without_one(bool withCertificate)
    {
        var directory = Directory.CreateTempSubdirectory("emancipay-keys-");
        var pfx = Path.Combine(directory.FullName, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=EmanciPay data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        await using var app = new EmanciPayFactory(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory.FullName, "emancipay.db")}")
            .WithWebHostBuilder(builder =>
            {
                if (withCertificate)
                {
                    builder.UseSetting("DataProtection:CertificatePath", pfx).UseSetting("DataProtection:CertificatePassword", "test-password");
                }
            });

        Assert.Contains("__RequestVerificationToken", await app.CreateClient().GetStringAsync("/account/login"), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml).SingleAsync();

        Assert.Equal(withCertificate, stored!.Contains("EncryptedData", StringComparison.Ordinal));
        Assert.Equal(!withCertificate, stored.Contains("<masterKey", StringComparison.Ordinal));
    }
}
