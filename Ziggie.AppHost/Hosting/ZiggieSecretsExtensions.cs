using Aspire.Hosting.ApplicationModel;

namespace Ziggie.AppHost.Hosting;

/// <summary>
/// The backend's secrets as AppHost parameters: set them (user secrets <c>Parameters:admin-password</c>,
/// <c>Parameters:jwt-signing-key</c>) or let Aspire generate them once and keep them in the AppHost's
/// user secrets. No default lives in code.
/// </summary>
public static class ZiggieSecretsExtensions
{
    /// <summary>Wires <c>admin-password</c> to <c>Ziggie:Admin:Password</c> and <c>jwt-signing-key</c> to <c>Ziggie:Jwt:SigningKey</c>.</summary>
    /// <param name="backend">The backend project.</param>
    public static IResourceBuilder<ProjectResource> WithZiggieSecrets(this IResourceBuilder<ProjectResource> backend)
    {
        var builder = backend.ApplicationBuilder;
        var adminPassword = builder.AddParameter("admin-password", new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true)
            .WithDescription("Password of the first Ziggie admin (user 'admin'). Generated on the first run; see docs/auth.md.");
        // 64 characters of letters and digits: well over the 256 bits HMAC-SHA256 needs.
        var signingKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true)
            .WithDescription("Key that signs Ziggie's sign-in tokens. Changing it signs everyone out.");

        return backend
            .WithEnvironment("Ziggie__Admin__Password", adminPassword)
            .WithEnvironment("Ziggie__Jwt__SigningKey", signingKey);
    }
}
