"""Interactive network views: selection and layout (view), the offline page and its template (page.html)."""
