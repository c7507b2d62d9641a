using System.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace Ziggie.Backend.Api;

/// <summary>
/// Request lines that never carry a token. ASP.NET Core's own "Request starting … /ws?access_token=eyJ…" lines
/// (category <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, Information) print the full URL, and only a log level
/// in a file kept them quiet: here they are held at Warning in code, for every logger provider, whatever the
/// configuration says, and this middleware writes the same facts with the token's value replaced.
/// </summary>
public static class RequestLog
{
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The category of the redacted lines, at Debug: set <c>Logging:LogLevel:Ziggie.Backend.Api.RequestLog=Debug</c> to see them.</summary>
    public const string Category = "Ziggie.Backend.Api.RequestLog";

    private static readonly string[] SecretParameters = ["access_token"];

    public static IHostApplicationBuilder AddRedactedRequestLog(this IHostApplicationBuilder builder)
    {
        // After every Configure (appsettings, environment, command line, code): one rule per provider named in the
        // rules, as specific as a rule can be and the last of its kind, so it is the one that applies.
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            foreach (var provider in filters.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToArray())
            {
                filters.Rules.Add(new LoggerFilterRule(provider, HostingCategory, LogLevel.Warning, filter: null));
            }
        });
        return builder;
    }

    public static IApplicationBuilder UseRedactedRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                logger.LogDebug("{Method} {Path}{Query} answered {Status} in {Milliseconds:0.0} ms", context.Request.Method,
                    context.Request.Path, Redact(context.Request.Query), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    public static string Redact(IQueryCollection query) =>
        query.Count == 0
            ? ""
            : "?" + string.Join("&", query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Shown(p.Key, p.Value)}"));

    private static string Shown(string key, StringValues value) =>
        SecretParameters.Contains(key, StringComparer.OrdinalIgnoreCase) ? "[redacted]" : Uri.EscapeDataString(value.ToString());
}
