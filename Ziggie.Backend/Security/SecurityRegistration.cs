using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Ziggie.Backend.Security;

public static class SecurityRegistration
{
    public const string CorsPolicy = "frontend";

    public static IHostApplicationBuilder AddZiggieSecurity(this IHostApplicationBuilder builder)
    {
        // The former section first, so that a setting in both places takes this section's value.
        builder.Services.AddOptions<LimitOptions>()
            .BindConfiguration(LimitOptions.FormerRateLimitSection)
            .BindConfiguration(LimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<CorsOptions>().BindConfiguration(CorsOptions.Section);
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<LimitOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        builder.Services.AddSingleton<GenerationSlots>();
        builder.AddZiggieForwardedHeaders();
        builder.Services.AddSingleton<SocketSlots>();
        builder.AddZiggieRateLimits();

        // Only the front end's origin (injected by the AppHost) may call from a browser page elsewhere; none by default.
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CorsOptions>>((cors, allowed) => cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(allowed.Value.AllowedOrigins)
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("authorization", "content-type")
                .WithExposedHeaders("X-Ziggie-Instance", "X-Ziggie-Usage-Log", "Retry-After")));
        return builder;
    }

    public static WebApplication UseZiggieSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseCors(CorsPolicy);
        return app;
    }
}
