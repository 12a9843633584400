//! "Cómo comprobarlo": how anyone can check, without trusting planos, that files never leave
//! the computer.

use leptos::prelude::*;

#[component]
pub fn HowToCheck(on_close: impl Fn() + 'static) -> impl IntoView {
    view! {
        <section class="how-to-check" id="como-comprobar" aria-labelledby="como-comprobar-titulo">
            <h2 id="como-comprobar-titulo">"Cómo comprobar que sus archivos no salen de su computador"</h2>
            <p>
                "planos es una página sin servidor: el programa que revisa sus archivos viene dentro de la página y corre en su navegador. "
                "Cuando usted elige un archivo, el navegador se lo entrega a esa página y a nadie más."
            </p>
            <p>
                "La página se declara a sí misma una política de seguridad (Content-Security-Policy) con "
                <code>"connect-src 'none'"</code>
                ": el navegador bloquea cualquier conexión que la página intentara abrir, a cualquier servidor, incluido el que la entregó."
            </p>
            <h3>"Compruébelo usted mismo"</h3>
            <ol>
                <li>"Pulse F12 para abrir las herramientas de desarrollador y vaya a la pestaña «Red» (Network). Marque «Conservar registro»."</li>
                <li>"Revise un archivo con planos. En la lista de la pestaña «Red» no aparece ninguna petición nueva: nada se envió."</li>
                <li>"Desconecte el equipo de la red (o elija «Sin conexión» en esa misma pestaña), recargue la página y revise otro archivo: funciona igual."</li>
                <li>"Descargue «planos para usar sin conexión» (planos.html), ábralo desde su disco con la red desconectada: es la misma herramienta en un solo archivo."</li>
            </ol>
            <p>
                "planos no guarda sus datos en el navegador: ni cookies ni almacenamiento local, salvo ajustes que no son datos personales: las columnas que usted elija para el reporte de servicios negados (por sus títulos) y el nomenclador de prácticas odontológicas que importe. "
                "«Borrar todo» descarta de la memoria de la página los resultados y los archivos leídos."
            </p>
            <button type="button" on:click=move |_| on_close()>"Cerrar"</button>
        </section>
    }
}
