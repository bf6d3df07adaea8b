using JwtBlog.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace JwtBlog.Web.Features.Errors;

public static class ErrorResponses
{
    public const string PagePath = "/error";

    public static WebApplicationBuilder AddErrorResponses(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<JsonExceptionHandler>();
        return builder;
    }

    // API errors are JSON; pages get the error page on the site layout. Never a stack trace.
    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = PagePath,

            // A row changed or deleted by a concurrent request between read and write is a conflict, not a crash.
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
                PasswordHashingBusyException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },

            // Expected refusals under load or races are answered, not logged as errors.
            SuppressDiagnosticsCallback = context => context.Exception is PasswordHashingBusyException or DbUpdateConcurrencyException,
        });
        app.UseStatusCodePagesWithReExecute(PagePath + "/{0}");
        return app;
    }
}
