//! Argentina's entries of the findings catalogue (`planos_core::catalogue`): SSSalud's
//! "Preparar envío" and "Leer respuesta", and InSSSeP's dental budget (loading a practice,
//! the review before sending, the consumption's reference).

use planos_core::catalogue::Group;
use planos_core::codes;

/// The Argentine tools' codes, as `docs/codes.md` heads them.
pub const GROUP: Group = Group {
    heading: "Argentina: SSSalud (intercambio FTP) e InSSSeP (presupuesto odontológico)",
    codes: ALL,
};

codes! {
    // SSSalud, «Manual de Intercambio de Datos FTP SSSalud», versión 4 (junio 2024): "Preparar envío".
    SSSALUD_ENVIO_EXTENSION = (
        "SSSALUD-ENVIO-EXTENSION",
        Error,
        "Extensión que el sitio no recibe",
        "Cada sitio del FTP de SSSalud recibe archivos de una sola extensión: .TXT el Padrón y Prepagas, .XML los de las resoluciones 331, 650 y 83. El archivo elegido tiene otra, así que el sitio no lo tomaría. Verifique que eligió el archivo y el sitio correctos; si el archivo es el correcto, vuelva a generarlo con el aplicativo que corresponde en lugar de cambiarle el nombre.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), cada sitio: «Extensión del archivo a subir»",
    ),
    SSSALUD_ENVIO_VACIO = (
        "SSSALUD-ENVIO-VACIO",
        Error,
        "Archivo vacío",
        "El archivo no tiene ningún byte: no hay nada que subir. Suele pasar cuando el aplicativo no terminó de generarlo o cuando se eligió una copia equivocada. Vuelva a generarlo y verifique su tamaño antes de subirlo.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), «Envío de archivos al FTP SSSalud»",
    ),
    SSSALUD_ENVIO_XML = (
        "SSSALUD-ENVIO-XML",
        Error,
        "XML mal formado",
        "El archivo no es un XML bien formado: una etiqueta sin cerrar o cerrada en otro orden, un carácter no permitido, un texto cortado. El mensaje da la línea y la columna del primer error. El sitio no puede leer un XML así; como estos archivos los genera el sistema de SSSalud, vuelva a generarlo en lugar de corregirlo a mano, y verifique que no se cortó al copiarlo.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), SSSalud - Res. 331, Res. 650 y Res. 83: «Extensión del archivo a subir: XML»",
    ),
    SSSALUD_ENVIO_APLICATIVO = (
        "SSSALUD-ENVIO-APLICATIVO",
        Note,
        "Solo se aceptan XML del sistema de SSSalud",
        "Los sitios de la Res. 331/04 y de la Res. 83/07 solo aceptan archivos .XML generados con el sistema de SSSalud de esa resolución. planos revisa que el XML esté bien formado, pero no puede saber con qué programa se generó: verifique que salió de ese sistema.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), SSSalud - Res. 331 y SSSalud - Res. 83: «Sólo se aceptarán archivos .XML generados con el Sistema»",
    ),
    SSSALUD_ENVIO_PERIODO_FALTA = (
        "SSSALUD-ENVIO-PERIODO-FALTA",
        Error,
        "Falta el período activo",
        "Sin el período, planos no puede decir en qué carpeta del FTP va el archivo, y el nombre del archivo no lo indica. El período activo lo publica el cronograma de envío de SSSalud (sitio web, «Obras Sociales – Intercambio de datos – FTP-Cronograma»): elíjalo.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), «Cronograma de envío» y, en cada sitio, «Dónde subir archivos?»",
    ),
    /// Mixed severity: a warning for Padrón and Prepagas, whose folders the manual does not
    /// restrict to their period.
    SSSALUD_ENVIO_PERIODO = (
        "SSSALUD-ENVIO-PERIODO",
        Error,
        "El período del nombre no es el elegido",
        "El nombre del archivo indica un período y se eligió otro. En los sitios de las resoluciones 331 y 83 cada carpeta solo acepta archivos de su período y la recepción sería rechazada: es un error. En el Padrón y en Prepagas es una advertencia: verifique cuál es el período activo y de qué período es el archivo.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), SSSalud - Res. 331 y SSSalud - Res. 83: «En cada carpeta del FTP sólo se aceptarán archivos del período correspondiente»",
    ),
    SSSALUD_ENVIO_PERIODO_NOMBRE = (
        "SSSALUD-ENVIO-PERIODO-NOMBRE",
        Note,
        "El nombre no indica el período",
        "En los sitios de las resoluciones 331 y 83 cada carpeta solo acepta archivos de su período, y el nombre del archivo no dice de cuál es, así que planos no puede compararlo con el elegido. Confirme que el archivo es del período de la carpeta.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), SSSalud - Res. 331 y SSSalud - Res. 83: «En cada carpeta del FTP sólo se aceptarán archivos del período correspondiente»",
    ),
    SSSALUD_ENVIO_ZIP = (
        "SSSALUD-ENVIO-ZIP",
        Error,
        "Archivo comprimido con otro nombre",
        "El archivo es un ZIP aunque su nombre termina en .TXT: el sitio espera el texto, no el comprimido. Descomprímalo y suba el .TXT que contiene.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), SSSalud - Padrón y SSSalud - Prepagas: «Extensión del archivo a subir: TXT»",
    ),
    SSSALUD_ENVIO_BINARIO = (
        "SSSALUD-ENVIO-BINARIO",
        Error,
        "No es un archivo de texto",
        "El archivo tiene bytes nulos, que ningún archivo de texto tiene: suele ser una planilla, un documento u otro formato guardado con la extensión .TXT. Genere el archivo de texto con el aplicativo de SSSalud o expórtelo como texto.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), SSSalud - Padrón y SSSalud - Prepagas: «Extensión del archivo a subir: TXT»",
    ),
    SSSALUD_ENVIO_BOM = (
        "SSSALUD-ENVIO-BOM",
        Warning,
        "Marca BOM de UTF-8 al principio",
        "El archivo empieza con los bytes EF BB BF, la marca que algunos programas ponen al guardar en UTF-8. Los aplicativos de SSSalud esperan texto ANSI, y como el archivo se sube en modo binario esos bytes llegarían pegados al primer campo. Guárdelo como ANSI (Windows-1252). El manual no habla de la codificación: es una lectura de planos.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), «Envío de archivos al FTP SSSalud» (transferencia binaria); lectura de planos, docs/interpretations.md, 32",
    ),
    SSSALUD_ENVIO_FINES_LINEA = (
        "SSSALUD-ENVIO-FINES-LINEA",
        Warning,
        "Fines de línea mezclados",
        "Unas líneas terminan en CR+LF, el fin de línea de Windows, y otras en LF o CR solos: suele pasar con archivos unidos o editados con programas distintos. Como el archivo se sube en modo binario, llega así al sitio. Use un solo fin de línea, CR+LF.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), «Envío de archivos al FTP SSSalud» (transferencia binaria); lectura de planos, docs/interpretations.md, 32",
    ),
    SSSALUD_ENVIO_UTF8 = (
        "SSSALUD-ENVIO-UTF8",
        Warning,
        "Texto en UTF-8 y no en ANSI",
        "Las ñ y las letras con tilde están guardadas en UTF-8, donde ocupan dos bytes cada una. Los aplicativos de SSSalud trabajan con texto ANSI (Windows-1252): si el sitio rechaza registros con esos caracteres, guarde el archivo como ANSI.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), «Envío de archivos al FTP SSSalud» (transferencia binaria); lectura de planos, docs/interpretations.md, 32",
    ),
    // SSSalud: "Leer respuesta".
    SSSALUD_RESPUESTA_NOMBRE = (
        "SSSALUD-RESPUESTA-NOMBRE",
        Warning,
        "No es una respuesta .ok ni .err",
        "«Leer respuesta» lee los archivos .ok (registros válidos) y .err (registros con errores) que deja el sitio del Padrón o de Prepagas, como 999998-201707.ok y 999998-201707.err. Este archivo no termina en .ok ni en .err y no se leyó: elija los que descargó del FTP, con el nombre que traen.",
        "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024), SSSalud - Padrón y SSSalud - Prepagas: «aparecerán 2 archivos procesados»",
    ),
    // InSSSeP, «Carga de presupuesto odontológico» (CPI cliente web v1.1): "Cargar Práctica".
    INSSSEP_DIENTE_FALTA = (
        "INSSSEP-DIENTE-FALTA",
        Error,
        "Falta el diente que la práctica requiere",
        "La práctica elegida se hace sobre un diente y no se seleccionó ninguno. Como el cliente web del InSSSeP, planos no la incorpora a la lista: el presupuesto no podría autorizarse sin ese dato. Seleccione uno o más dientes y vuelva a cargarla.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Carga Práctica Odontológica»: «En caso de no haber especificado diente o cara»",
    ),
    INSSSEP_CARA_FALTA = (
        "INSSSEP-CARA-FALTA",
        Error,
        "Falta la cara que la práctica requiere",
        "La práctica elegida se hace sobre una o más caras del diente y no se seleccionó ninguna. Como el cliente web del InSSSeP, planos no la incorpora a la lista: el presupuesto no podría autorizarse sin ese dato. Seleccione las caras y vuelva a cargarla.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Carga Práctica Odontológica»: «En caso de no haber especificado diente o cara»",
    ),
    INSSSEP_DIENTE_FDI = (
        "INSSSEP-DIENTE-FDI",
        Error,
        "Diente que no existe en la numeración FDI",
        "Los dientes se numeran con el sistema FDI: 11 a 18, 21 a 28, 31 a 38 y 41 a 48 los permanentes; 51 a 55, 61 a 65, 71 a 75 y 81 a 85 los temporarios. El número dado no es ninguno de ellos y la práctica no se incorpora: corrija el número del diente.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Seleccione uno o mas dientes»",
    ),
    INSSSEP_REPETIDA = (
        "INSSSEP-REPETIDA",
        Error,
        "Práctica ya cargada en ese diente y cara",
        "La lista ya tiene la misma práctica en el mismo diente con una cara en común, o la misma práctica sin diente: no se carga dos veces. Si es otra cara del mismo diente, elija solo esa cara; si la anterior se cargó por error, quítela de la lista.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Carga Práctica Odontológica»; lectura de planos, docs/interpretations.md, 39",
    ),
    INSSSEP_CARA_DIENTE = (
        "INSSSEP-CARA-DIENTE",
        Warning,
        "Cara que ese diente no tiene",
        "La cara elegida no corresponde al diente: la incisal es de incisivos y caninos, la oclusal de premolares y molares, la palatina de los dientes superiores y la lingual de los inferiores. El cliente web del InSSSeP la acepta (su propio informe muestra un canino con cara oclusal), así que la práctica se carga: verifique el diente y la cara.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Seleccione una o mas caras»; lectura de planos, docs/interpretations.md, 37",
    ),
    INSSSEP_TEMPORARIO_EDAD = (
        "INSSSEP-TEMPORARIO-EDAD",
        Warning,
        "Diente temporario a una edad sin temporarios",
        "El diente es temporario (51 a 85) y el afiliado tiene más de 12 años, edad a la que ya se recambiaron todos. Un temporario retenido existe, por eso es solo una advertencia: verifique que no quiso escribir el permanente (por ejemplo 15 en lugar de 55).",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), ventana del presupuesto («Edad»); lectura de planos, docs/interpretations.md, 40",
    ),
    // InSSSeP: the review before "Enviar".
    INSSSEP_PRESTADOR_FALTA = (
        "INSSSEP-PRESTADOR-FALTA",
        Error,
        "Falta el nombre del prestador",
        "El presupuesto nombra al prestador como lo muestra el cliente web del InSSSeP («Prestador: … - Colegio: … - Código de Facturación …»). Escriba su nombre antes de enviarlo.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Prestador Activo»",
    ),
    INSSSEP_CREDENCIAL_FALTA = (
        "INSSSEP-CREDENCIAL-FALTA",
        Error,
        "Falta la credencial del afiliado",
        "El afiliado se identifica con el número de su credencial («Tipo: Credencial Número: 054498»), y el documento recuerda que su uso es obligatorio. Escriba el número antes de enviar el presupuesto.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Identificación»",
    ),
    INSSSEP_CREDENCIAL = (
        "INSSSEP-CREDENCIAL",
        Error,
        "Credencial que no es un número",
        "El número de credencial es solo dígitos, hasta 12, con sus ceros a la izquierda (como 054498). Escríbalo como figura en la credencial, sin letras, guiones ni espacios.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Identificación»",
    ),
    INSSSEP_AFILIADO_FALTA = (
        "INSSSEP-AFILIADO-FALTA",
        Error,
        "Falta el nombre del afiliado",
        "La ventana del presupuesto muestra al afiliado por su nombre («Afiliado: … Edad: 58 Sexo: M»). Escríbalo como figura en su credencial antes de enviar el presupuesto.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), ventana del presupuesto («Afiliado»)",
    ),
    INSSSEP_EDAD = (
        "INSSSEP-EDAD",
        Error,
        "Edad que no es un número de años",
        "La edad del afiliado se escribe en años, un número de 0 a 120, como la muestra el cliente web («Edad: 58»). Puede quedar vacía; escrita, planos la usa para advertir de dientes temporarios a una edad en que ya no los hay.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), ventana del presupuesto («Edad»)",
    ),
    INSSSEP_DIAGNOSTICO_FALTA = (
        "INSSSEP-DIAGNOSTICO-FALTA",
        Error,
        "Falta el diagnóstico CIE-10",
        "El presupuesto lleva el diagnóstico CIE-10 principal de la atención, con su tipo (presuntivo o definitivo) y su código (como K029). Elíjalo en «Diagnóstico» antes de enviar.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Diagnóstico»: «Seleccionar tipo y código de diagnóstico CIE10»",
    ),
    INSSSEP_SIN_PRACTICAS = (
        "INSSSEP-SIN-PRACTICAS",
        Error,
        "Presupuesto sin prácticas",
        "La lista «Carga Práctica Odontológica» no tiene ninguna práctica: no hay nada que autorizar. Cargue al menos una con «Cargar Práctica» antes de enviar.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Carga Práctica Odontológica»",
    ),
    // InSSSeP: the consumption of an authorised budget, «Boca – Serie – Número».
    INSSSEP_REFERENCIA = (
        "INSSSEP-REFERENCIA",
        Error,
        "Referencia del presupuesto mal escrita",
        "La referencia de un presupuesto autorizado tiene tres partes, boca, serie y número de transacción, como la imprime su comprobante: «88 - T - 128133242». Escríbala así, o cada parte en su campo.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Consumo de prestaciones Auditadas/Diferidas»",
    ),
    INSSSEP_BOCA = (
        "INSSSEP-BOCA",
        Error,
        "Boca que no es un número",
        "La boca del presupuesto autorizado es un número de hasta tres dígitos: 88 para el Colegio de Odontólogos, según el documento. Escríbala sin letras ni espacios.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Consumo de prestaciones Auditadas/Diferidas»: «deberá ingresar la boca Ej “88” para Colegio de Odontólogos»",
    ),
    INSSSEP_BOCA_OTRA = (
        "INSSSEP-BOCA-OTRA",
        Warning,
        "Boca distinta de la 88",
        "El documento indica la boca 88 para el Colegio de Odontólogos y se escribió otra. Puede ser la correcta para otro colegio: verifique la suya en el comprobante del presupuesto autorizado.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Consumo de prestaciones Auditadas/Diferidas»: «deberá ingresar la boca Ej “88” para Colegio de Odontólogos»",
    ),
    INSSSEP_SERIE = (
        "INSSSEP-SERIE",
        Error,
        "Serie distinta de T",
        "La serie de un presupuesto autorizado es T, como la imprime su comprobante («Nº Preautorización: 88 - T - 128133242»). Escriba T.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Consumo de prestaciones Auditadas/Diferidas»: «serie “T”»",
    ),
    INSSSEP_NUMERO_FALTA = (
        "INSSSEP-NUMERO-FALTA",
        Error,
        "Falta el número de transacción",
        "El consumo se hace sobre el número de transacción del presupuesto autorizado, el que imprime su comprobante («Nro. de transacción: 128183733»). Cópielo del comprobante.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Consumo de prestaciones Auditadas/Diferidas»: «Número de transacción del presupuesto autorizado»",
    ),
    INSSSEP_NUMERO = (
        "INSSSEP-NUMERO",
        Error,
        "Número de transacción que no es un número",
        "El número de transacción es solo dígitos, hasta 12, como 128183733. Cópielo del comprobante del presupuesto autorizado, sin letras ni separadores.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Consumo de prestaciones Auditadas/Diferidas»: «Número de transacción del presupuesto autorizado»",
    ),
    INSSSEP_NUMERO_DIGITOS = (
        "INSSSEP-NUMERO-DIGITOS",
        Warning,
        "Número de transacción de longitud inusual",
        "Todos los números de transacción que muestra el documento tienen 9 dígitos y este tiene otra cantidad. Puede ser correcto, pero suele ser un dígito de menos o de más al copiarlo: verifíquelo en el comprobante.",
        "InSSSeP, Carga de presupuesto odontológico (CPI cliente web v1.1), «Consumo de prestaciones Auditadas/Diferidas»; lectura de planos, docs/interpretations.md, 42",
    ),
}
