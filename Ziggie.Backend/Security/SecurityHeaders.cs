namespace Ziggie.Backend.Security;

/// <summary>
/// Headers that keep browsers from sniffing, framing or leaking: the API serves JSON, never pages,
/// so nothing may run, be framed or be sent on as a referrer.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Set when the response starts, not when the request comes in: the exception handler clears the
    /// headers before it writes its 400, 503 or 500, and those answers need them as much as any other.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => Apply((HttpContext)state), context);
            return next(context);
        });

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // The API reference page (Development only) runs scripts; everything else is data.
        if (!context.Request.Path.StartsWithSegments("/scalar"))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        if (context.Request.Path.StartsWithSegments("/api/auth"))
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }
}
