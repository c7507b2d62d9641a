using Ziggie.Backend.Orchestration;

namespace Ziggie.Backend.Api;

public static class InstanceHeader
{
    /// <summary>
    /// Stamps every response with the answering instance when it starts: errors, 404s and the answers the
    /// exception handlers write after clearing the response (which a header set on the way in would not survive).
    /// </summary>
    public static IApplicationBuilder UseInstanceHeaderOnEveryResponse(this IApplicationBuilder app)
    {
        var id = app.ApplicationServices.GetRequiredService<InstanceIdentity>().Id;
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var (http, value) = ((HttpContext, string))state;
                http.Response.Headers[InstanceIdentity.HeaderName] = value;
                return Task.CompletedTask;
            }, (context, id));
            return next(context);
        });
    }
}
